import type { TextCommand, TextCommandKind } from '../../../lib/sms-commands';
import { acceptByText } from './accept';
import { availabilityByText } from './availability';
import type { CommandContext, CommandHandler } from './context';
import { declineByText } from './decline';
import { helpByText } from './help';
import { needHelpByText } from './need-help';
import { preferenceByText } from './preference';
import { presentByText } from './present';
import { reportByText } from './report';
import { safeByText } from './safe';
import { statusByText } from './status';
import { unknownByText } from './unknown';

/** One handler per command; the keys are every command the parser reads, so none is left unanswered. */
const HANDLERS: { [K in TextCommandKind]: CommandHandler<K> } = {
  accept: acceptByText,
  decline: declineByText,
  report: reportByText,
  availability: availabilityByText,
  status: statusByText,
  help: helpByText,
  preference: preferenceByText,
  safe: safeByText,
  needHelp: needHelpByText,
  present: presentByText,
  unknown: unknownByText,
};

/** Runs one parsed command for its sender and returns the reply. */
export function runTextCommand(context: CommandContext, command: TextCommand): Promise<string> {
  const handler = HANDLERS[command.kind] as CommandHandler<typeof command.kind>;
  return handler(context, command);
}
