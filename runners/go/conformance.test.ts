import { conformance } from '../../test/conformance/suite.ts';
import { cases } from './conformance-cases.ts';

conformance(cases);
