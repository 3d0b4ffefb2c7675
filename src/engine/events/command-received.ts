/**
 * The patient used a global word (menu, help, language, stop...) that works in every state.
 *
 * ```json
 * { "type": "command_received", "command": "language" }
 * ```
 */
export interface CommandReceived {
  type: 'command_received';
  command: string;
}
