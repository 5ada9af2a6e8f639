/** A small stylesheet in SoundCloud's colours and layout, served from a-v2.sndcdn.com. */
export const STYLESHEET = `
*{box-sizing:border-box}
body{margin:0;font:12px/1.4 "Interstate","Lucida Grande","Lucida Sans Unicode",Arial,sans-serif;color:#333;background:#f2f2f2}
a{color:#333;text-decoration:none}a:hover{color:#f50}
.sc-list-nostyle{list-style:none;margin:0;padding:0}
.sc-hidden,.sc-visuallyhidden{display:none}
.sc-truncate{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.header{position:fixed;top:0;left:0;right:0;height:46px;background:#333;z-index:10}
.header__inner{max-width:1240px;margin:0 auto;display:flex;align-items:center;height:46px;gap:8px}
.header__left{display:flex;align-items:center}.header__middle{flex:1}.soundTitle__title,.soundTitle__username{margin:0}
.header__logoLink{display:block;width:69px;height:46px;background:#f50;color:#fff;font-weight:700;line-height:46px;text-align:center;overflow:hidden}
.header__navMenu{display:flex}.header__navMenu a{display:block;color:#ccc;padding:0 18px;line-height:46px;border-right:1px solid #111}
.header__navMenu a:hover,.header__navMenu a.selected{color:#fff;background:#111}
.headerSearch{flex:1}.headerSearch__input{width:100%;height:28px;border:0;border-radius:4px;padding:0 8px;background:#e5e5e5}
.header__right a{color:#ccc;padding:0 10px}.header__right a.signup{color:#fff;background:#f50;border-radius:3px;padding:4px 8px}
#content{padding:46px 0 60px}.l-content{max-width:1240px;margin:0 auto;background:#fff;min-height:80vh;padding:0 0 30px}
.sc-button{display:inline-block;border:1px solid #e5e5e5;border-radius:3px;background:#fff;color:#333;cursor:pointer;font:inherit;margin-right:5px;height:26px;padding:2px 9px 2px 9px}
.sc-button:hover{border-color:#ccc}.sc-button-small{height:22px;font-size:11px;padding:1px 6px}
.sc-button-group{display:inline-flex;align-items:center}
.sc-button-play{display:inline-block;width:36px;height:36px;border-radius:50%;background:#f50;color:transparent;overflow:hidden;border:0}
.l-listen-hero{background:linear-gradient(135deg,#6a5b53,#1f1d2b);padding:30px}
.fullHero__foreground{display:flex;justify-content:space-between;min-height:340px}
.fullHero__title .soundTitle__title span,.fullHero__title .soundTitle__username a{background:#111;color:#fff;padding:4px 7px;display:inline-block;margin-bottom:6px;max-width:760px;overflow-wrap:anywhere}
.fullHero__title .soundTitle__title span{font-size:24px}.fullHero__artwork .sc-artwork{display:block;width:340px;height:340px;background-size:cover}
.soundTitle__additionalContainer{color:#ccc}.sc-tag{display:inline-block;background:#999;color:#fff;border-radius:10px;padding:1px 8px;margin:2px}
.sc-label{display:inline-block;background:#f50;color:#fff;border-radius:2px;padding:0 4px;font-size:10px;margin:2px}
.l-listen-wrapper{display:flex;gap:30px;padding:20px 30px}.l-about-main{flex:1;min-width:0}.l-sidebar-right{width:300px}
.listenEngagement__footer{display:flex;justify-content:space-between;border-bottom:1px solid #f2f2f2;padding:10px 0}
.sc-ministats-group{display:flex;gap:10px;color:#999}
.listenInfo__releaseData{display:grid;grid-template-columns:120px 1fr;color:#666}
.soundBadge{display:flex;gap:8px;margin:8px 0}.soundBadge__artwork .sc-artwork{display:block;width:50px;height:50px;background-size:cover}
.soundBadge__content{display:flex;flex-direction:column;min-width:0}
.soundList__item,.searchList__item{padding:15px 0 10px;border-bottom:1px solid #f2f2f2}
.sound__body{display:flex;gap:15px}.sound__artwork .sc-artwork{display:block;width:160px;height:160px;background-size:cover}
.sound__content{flex:1;min-width:0}.soundTitle__titleContainer{display:flex;gap:8px;align-items:flex-start}
.soundTitle__usernameTitleContainer{min-width:0;overflow-wrap:anywhere}.soundTitle__title{font-size:15px}
.sound__waveform{height:60px;margin:8px 0;background:repeating-linear-gradient(90deg,#ccc 0 2px,transparent 2px 3px);opacity:.6;position:relative}
.waveform__duration{position:absolute;right:0;bottom:0;background:#333;color:#fff;font-size:10px;padding:0 3px}
.sound__footer{display:flex;justify-content:space-between}.soundContext{color:#999;margin-bottom:6px}
.compactTrackList__item{border:1px solid #f2f2f2;padding:3px 6px}
.l-user-hero{background:linear-gradient(135deg,#8a6a5b,#2a2640);padding:30px}.profileHeaderInfo{display:flex;gap:30px}
.profileHeaderInfo__avatar .sc-artwork{display:block;width:200px;height:200px;border-radius:50%;background-size:cover}
.profileHeaderInfo__userName{background:#111;color:#fff;display:inline-block;padding:4px 7px;font-size:24px;overflow-wrap:anywhere;max-width:800px}
.profileHeaderInfo__additional{background:#111;color:#ccc;display:inline-block;padding:2px 7px}
.userInfoBar{display:flex;justify-content:space-between;border-bottom:1px solid #f2f2f2;padding:0 30px}
.g-tabs{display:flex}.g-tabs-link{display:block;padding:12px 10px;font-size:18px}.g-tabs-link.active{color:#f50;border-bottom:2px solid #f50}
.userMain{display:flex;gap:30px;padding:0 30px}.userMain__content{flex:1;min-width:0}
.stream,.searchPage,.chartsPage,.discover,.frontHero,.errorPage{padding:20px 30px}
.l-search{display:flex;gap:30px}.searchOptions{width:200px}.searchOptions__navigationLink{display:block;padding:6px}
.searchOptions__navigationLink.active{color:#f50}.searchList{flex:1;min-width:0}
.userItem{display:flex;gap:15px}.userItem__artwork .sc-artwork{display:block;width:120px;height:120px;border-radius:50%;background-size:cover}
.trackList__item{list-style:none;border-bottom:1px solid #f2f2f2}.trackItem{display:flex;align-items:center;gap:8px;height:40px}
.trackItem__image .sc-artwork{display:block;width:30px;height:30px;background-size:cover}.trackItem__content{flex:1;min-width:0}
.trackItem__additional{display:flex;align-items:center;gap:8px}
.chartTrack{display:flex;align-items:center;gap:12px;padding:8px 0;border-bottom:1px solid #f2f2f2}
.chartTrack__position{width:30px;font-size:18px;text-align:right}.chartTrack__image .sc-artwork{display:block;width:50px;height:50px;background-size:cover}
.chartTrack__details{flex:1;display:flex;flex-direction:column;min-width:0}
.chartsHeader__genres{display:flex;gap:12px;margin:10px 0}.chartsGenre.active{color:#f50}
.tileGallery__sliderPanel,.trendingTracks__list{display:flex;flex-wrap:wrap;gap:20px}
.playableTile{width:172px}.playableTile__artwork{position:relative}
.playableTile__artwork .sc-artwork{display:block;width:172px;height:172px;background-size:cover}
.playableTile__actionWrapper{position:absolute;right:4px;bottom:4px}.playableTile__heading,.playableTile__usernameHeading{display:block}
.playControls{position:fixed;bottom:0;left:0;right:0;height:48px;background:#f2f2f2;border-top:1px solid #ccc;z-index:10}
.playControls__elements{max-width:1240px;margin:0 auto;display:flex;align-items:center;gap:10px;height:48px}
.playControls__control{width:24px;height:24px;border:0;background:#333;border-radius:50%;color:transparent;overflow:hidden}
.playControls__timeline{flex:1;height:2px;background:#ccc}.playbackSoundBadge{display:flex;gap:8px;align-items:center;width:360px}
.playbackSoundBadge__titleContextContainer{min-width:0;flex:1}
.queue{display:none;position:fixed;right:20px;bottom:56px;width:480px;max-height:60vh;overflow:auto;background:#fff;border:1px solid #ccc;box-shadow:0 2px 10px rgba(0,0,0,.2)}
.queue.m-visible{display:block}.queue__header{display:flex;justify-content:space-between;padding:10px;border-bottom:1px solid #f2f2f2;font-size:16px}
.queueItemView{display:flex;align-items:center;gap:8px;padding:6px 10px}.queueItemView.m-active{background:#f2f2f2}
.queueItemView__artwork .sc-artwork{display:block;width:30px;height:30px;background-size:cover}.queueItemView__details{flex:1;min-width:0}
.errorTitle{font-size:24px}
`;
