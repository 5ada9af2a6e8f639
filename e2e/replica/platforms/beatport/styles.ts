/** The replica's stylesheet: Beatport's dark look (near-black, white type, #01ff95 accents). */
export const STYLESHEET = `
*{box-sizing:border-box}
html,body{margin:0;background:#000;color:#fff;font:14px/1.4 "Aeonik",Helvetica,Arial,sans-serif}
a{color:#fff;text-decoration:none}a:hover{color:#01ff95}
header.site-header{display:flex;align-items:center;gap:24px;padding:12px 24px;background:#141414;border-bottom:1px solid #262626;position:sticky;top:0;z-index:5}
.logo{font-weight:900;letter-spacing:2px;font-size:20px;color:#01ff95}
header nav{display:flex;gap:16px}
header form{flex:1;display:flex}
header input[name=q]{flex:1;max-width:420px;padding:8px 12px;border-radius:20px;border:1px solid #393939;background:#000;color:#fff}
.account{margin-left:auto;color:#8c8c8c}
.genre-strip{display:flex;flex-wrap:wrap;gap:8px 16px;padding:8px 24px;background:#0b0b0b;border-bottom:1px solid #1f1f1f;font-size:12px;color:#b3b3b3}
main{padding:24px 24px 120px;max-width:1280px;margin:0 auto}
h1{font-size:32px;margin:8px 0 16px;overflow-wrap:anywhere}h2{font-size:18px;margin:28px 0 12px;color:#d9d9d9}
.tracks-table[role=table]{display:flex;flex-direction:column;border-top:1px solid #262626}
.row.tracks-table{display:grid;grid-template-columns:230px minmax(220px,2fr) 1fr 150px 100px 90px;align-items:center;gap:12px;padding:6px 8px;border-bottom:1px solid #1f1f1f;background:#0d0d0d}
.row.tracks-table:hover{background:#1a1a1a}
.row.tracks-table.current{background:#10281f;box-shadow:inset 3px 0 0 #01ff95}
.cell{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.cell.card{display:flex;align-items:center;gap:8px}
.cell.card img{width:48px;height:48px;border-radius:2px;background:#222}
.cell.title a span span{color:#8c8c8c;font-weight:400}
.cell.title a>span{font-weight:700}
[class*=ArtistNames]{color:#b3b3b3;font-size:12px}[class*=ArtistNames] a{color:#b3b3b3}
.remixers{color:#8c8c8c;font-size:11px}
.cell.bpm,.cell.date,.cell.label{color:#b3b3b3;font-size:12px}
[class*=TrackNo]{width:24px;text-align:right;color:#8c8c8c}
button{cursor:pointer;font:inherit}
button[data-testid=play-button]{background:#01ff95;color:#000;border:0;border-radius:50%;width:28px;height:28px}
.track-detail button[data-testid=play-button]{border-radius:20px;width:auto;padding:8px 18px;font-weight:700}
button[data-testid=add-to-queue-button],button[data-testid=add-to-playlist-button]{background:none;border:1px solid #393939;color:#b3b3b3;border-radius:4px;width:24px;height:24px;padding:0}
[class*=AddToCart] button{background:#01ff95;color:#000;border:0;border-radius:4px;padding:4px 10px;font-weight:700}
.track-detail,.release-detail{display:flex;gap:32px;margin-bottom:24px}.info{min-width:0}
.track-detail .cover,.release-detail .cover{width:260px;height:260px;background:#222}
.track-detail .waveform{display:block;width:100%;max-width:760px;height:auto;margin-top:16px;background:#111}
[class*=TrackDetailCard-style__MixName]{color:#8c8c8c;font-size:20px}
.info ul{list-style:none;padding:0;display:grid;grid-template-columns:repeat(3,minmax(120px,auto));gap:8px 24px}
.info li span:first-child{display:block;color:#8c8c8c;font-size:11px;text-transform:uppercase}
.release-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:20px}
.release-grid img{width:100%;height:auto;background:#222}
[class*=ReleaseCard-style__Name]{display:block;font-weight:700;margin-top:6px}
.release-grid .label{color:#8c8c8c;font-size:12px}
[class*=Pager]{display:flex;gap:16px;align-items:center;margin:20px 0;color:#8c8c8c}
[data-testid=load-more]{background:#262626;color:#fff;border:1px solid #393939;border-radius:20px;padding:6px 16px}
.genre-links{display:flex;gap:16px;margin-bottom:16px}.genre-links a{color:#01ff95}
.entity-list{columns:3;list-style:none;padding:0}.see-all{color:#01ff95}
[class*=Player-style__PlayerWrapper]{position:fixed;left:0;right:0;bottom:0;height:72px;display:flex;align-items:center;gap:16px;padding:0 24px;background:#141414;border-top:1px solid #262626}
[class*=Player-style__PlayerWrapper] .now-playing{display:flex;flex-direction:column}
[class*=Player-style__PlayerWrapper] .now-playing .artists{color:#8c8c8c;font-size:12px}
[data-testid=player-toggle]{background:#01ff95;border:0;border-radius:50%;width:36px;height:36px}
`;
