/** Invented names for the generated part of the catalogue (no real artist, label or title). */

export const ARTIST_NAMES = [
  'Kasso Vale', 'Mira Lenz', 'Odd Tessellate', 'Juno Brask', 'Nadia Ferro', 'Tomás Reyel', 'Hollow Dial',
  'Brakkan', 'Selva Kin', 'Ilo Marr', 'Petra Voss', 'Duskfield', 'Arlo Quen', 'Sable Motif', 'Ferrous',
  'Lina Okoro', 'Kofi Asante-Ray', 'Mavi Tern', 'Rook & Rhyme', 'Teodor Blum', 'Caro Sands', 'Neon Parish',
  'Elske Dahl', 'Voltaire Kid', 'Massimo Neri', 'Hana Mori', 'Jaro Stein', 'Quill Avenue', 'Oyelaran',
  'Bastien Roux', 'Ciel Noir', 'Ondine Rae', 'Grit Assembly', 'Pablo Ilse', 'Umbra Sect', 'Keziah Blue',
  'Loom Theory', 'Aurel Ness', 'Fenna Holt', 'Drift Ledger', 'Saul Mercer', 'Tamsin Yeo', 'Mokosh',
  'Ravi Kestrel', 'Nox Avalon', 'Ezra Vell', 'Jules Marron', 'Static Orchard', 'Wren Calder', 'Yusuf Dae',
];

export const LABEL_NAMES: [string, string][] = [
  ['Kasbah Sound Vault', 'KSV'], ['Lowline Records', 'LOW'], ['Nocturne Audio', 'NOCT'], ['Parallel Motion', 'PM'],
  ['Field Theory', 'FT'], ['Sunken Atlas', 'SA'], ['Quarry Tone', 'QT'], ['Bright Circuit', 'BCR'],
  ['Ember Coast', 'EMB'], ['Tidal Glass', 'TGL'], ['Orbital Fern', 'ORF'], ['Mono Harbour', 'MH'],
  ['Stereo Cartel', 'STC'], ['Ruelle Music', 'RUE'],
];

export const TITLE_FIRST = [
  'Night', 'Lantern', 'Velvet', 'Copper', 'Hidden', 'Solar', 'Paper', 'Glass', 'Echo', 'Hollow', 'Silver',
  'Atlas', 'Crimson', 'Static', 'Midnight', 'Ocean', 'Neon', 'Feral', 'Quiet', 'Iron', 'Lucid', 'Golden',
  'Broken', 'Amber', 'Falling', 'Electric', 'Secret', 'Rising', 'Wild', 'Deep',
];

export const TITLE_SECOND = [
  'Drive', 'Code', 'Motion', 'Garden', 'Signal', 'Run', 'Moons', 'House', 'Chamber', 'Rituals', 'Tides',
  'Frequency', 'Bloom', 'Current', 'Season', 'Machine', 'Horizon', 'Pulse', 'Shapes', 'Heat', 'Fever',
  'Dreams', 'Wires', 'Orbit', 'Steps', 'Groove', 'Sirens', 'Language', 'Fields', 'Theory',
];

export const RELEASE_SUFFIXES = ['EP', 'EP', 'EP', '', '', 'Remixes', 'LP'];

export const CHART_NAMES = [
  'Summer Terrace Picks', 'Warehouse Weapons', 'Sunrise Set Staples', 'Basement Selects', 'Festival Closers',
  'Deep Cuts June',
];
