import type { ToolErrorStrings } from './tool-loop.js';

/** The strings of tool-call cards and the sources list; part of `StreamChatStrings`. */
export interface ToolStrings extends ToolErrorStrings {
  /** Status of a call whose arguments stream or that runs. */
  toolRunning: string;
  /** Status of a call that has its result. */
  toolDone: string;
  /** Status of a call that failed (or was cut off). */
  toolFailed: string;
  /** Read by screen readers while a tool runs; `{name}` is the tool's name. */
  toolRunningAnnouncement: string;
  /** Accessible name of a call's arguments. */
  toolArguments: string;
  /** Summary of a call's (collapsed) result. */
  toolResult: string;
  /** Shown under arguments that are not valid JSON (they are shown as the model wrote them). */
  toolInvalidArguments: string;
  /** Accessible name of an answer's list of sources. */
  sources: string;
}

export const defaultToolStrings: ToolStrings = {
  toolRunning: 'Running…',
  toolDone: 'Done',
  toolFailed: 'Failed',
  toolRunningAnnouncement: 'Running the tool {name}',
  toolArguments: 'Arguments',
  toolResult: 'Result',
  toolInvalidArguments: 'The arguments are not valid JSON.',
  toolUnknown: 'Unknown tool: {name}',
  toolNoHandler: 'The page has no handler for the tool {name}.',
  toolNotRun: 'Not run: the limit of tool rounds was reached.',
  toolStopped: 'Stopped before the tool finished.',
  sources: 'Sources',
};
