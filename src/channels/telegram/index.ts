export { readTelegramConfig, type TelegramConfig, type TelegramWebhookConfig } from './config';
export { telegramCoreHooks } from './core-hooks';
export { createTelegramChannel, TelegramChannel, type TelegramChannelOptions } from './telegram-channel';
