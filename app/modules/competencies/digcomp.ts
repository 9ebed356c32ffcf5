import digComp22File from "./frameworks/digcomp-2.2.json";
import { parseFramework, type CompetenceFramework } from "./framework";

let digComp22Framework: CompetenceFramework | undefined;

/** DigComp 2.2, the framework every installation starts with (parsed once). */
export function digComp22(): CompetenceFramework {
  if (!digComp22Framework) {
    const result = parseFramework(digComp22File);
    if (!result.ok) {
      const first = result.errors[0];
      throw new Error(`The bundled DigComp 2.2 file is invalid at ${first.path}: ${first.message}`);
    }
    digComp22Framework = result.value;
  }
  return digComp22Framework;
}
