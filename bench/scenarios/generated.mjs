// The parametric corpus (bench/lib/gen/): every bug-class template × domain vocabulary × runtime,
// rendered as a real program and crashed for real at its deployed revision by the builder.
import { generatedScenarios } from '../lib/gen/generate.mjs';

export const scenarios = generatedScenarios();
