export { createWebchatChannel, WebchatChannel, type WebchatChannelOptions } from './webchat-channel';
export { MAX_TEXT_LENGTH, webFrameSchema, type WebFrame, type WebReply } from './frames';
