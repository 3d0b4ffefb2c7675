/** The choices a shipped flow's state offers, read from flows/*.yaml, as the engine offers them (its `skip` last). */
import { join } from 'node:path';
import { optionsOf } from '../../src/engine/expectations';
import type { ChoiceOption } from '../../src/engine/flow';
import { loadFlowFile } from '../../src/flows/load';
import { flowsDir } from '../../src/paths';

export function shippedOptionsOf(flow: string, state: string): ChoiceOption[] {
  const def = loadFlowFile(join(flowsDir, `${flow}.yaml`)).flow;
  const s = def?.states[state];
  if (!s) throw new Error(`no state ${flow}.${state}`);
  return optionsOf(s);
}
