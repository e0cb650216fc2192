// Which report checked together is last year's of which: the batch's pairs, shared with the
// language server's workspace check (host/src/pairing.ts).
export { identify, pairReports, YearPairs, type Identified, type PreviousFile, type ReadText } from '../../host/src/pairing';
