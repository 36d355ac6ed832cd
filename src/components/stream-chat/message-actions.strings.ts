/** The strings of the actions under each message; part of `StreamChatStrings`. */
export interface MessageActionsStrings {
  /** Accessible name of the row of actions under a message. */
  messageActions: string;
  /** The button that copies an answer (as Markdown, and as HTML where the clipboard allows). */
  copyMessage: string;
  /** The button that rates an answer as good (a toggle). */
  good: string;
  /** The button that rates an answer as bad (a toggle). */
  bad: string;
  /** The button that streams a new answer to the same question. */
  regenerate: string;
  /** The button that turns a question into an editor. */
  edit: string;
  /** Accessible name of the editor's text area. */
  editInput: string;
  /** The editor's button that sends the edited question. */
  editSend: string;
  /** The editor's button that closes it (what was typed is kept for the next Edit). */
  editCancel: string;
  /** The button that shows the previous version of a turn. */
  previousVersion: string;
  /** The button that shows the next version of a turn. */
  nextVersion: string;
  /** The position among the versions of a turn, shown between the buttons: `{index}`, `{count}`. */
  version: string;
  /** The same, as screen readers hear it. */
  versionLabel: string;
}

export const defaultMessageActionsStrings: MessageActionsStrings = {
  messageActions: 'Message actions',
  copyMessage: 'Copy message',
  good: 'Good response',
  bad: 'Bad response',
  regenerate: 'Regenerate',
  edit: 'Edit message',
  editInput: 'Edit your message',
  editSend: 'Send',
  editCancel: 'Cancel',
  previousVersion: 'Previous version',
  nextVersion: 'Next version',
  version: '{index} / {count}',
  versionLabel: 'Version {index} of {count}',
};
