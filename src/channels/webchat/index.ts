export { createWebchatChannel, WebchatChannel, type WebchatChannelOptions } from './webchat-channel';
export { MAX_TEXT_LENGTH, webFrameSchema, type WebFrame, type WebReply } from './frames';
export { DEFAULT_WEBCHAT_LIMITS, type WebchatLimits } from './limits';
