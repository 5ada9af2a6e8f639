// Debian's chromium and firefox-esr are used; never download a browser.
module.exports = { skipDownload: true };
