// whatsapp-web.js pulls in puppeteer; this machine (and CI) cannot download Chrome.
// We drive Debian's /usr/bin/chromium instead (see src/channels/whatsapp/).
module.exports = { skipDownload: true };
