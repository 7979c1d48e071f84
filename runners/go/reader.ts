import type { SampleReader } from '../../harness/model.ts';
import { fail } from '../../harness/values/locate.ts';

// Placeholder until the go reader lands: every snippet reads as an error at its first line.
export const reader: SampleReader = {
  readRequest: (block) => fail({ message: 'go request reader not implemented', line: block.codeStart.line, column: block.codeStart.column }),
  readResponse: (block) => fail({ message: 'go response reader not implemented', line: block.codeStart.line, column: block.codeStart.column }),
};
