import { NO_METHOD, type HasMethods, type MethodResult } from '../methods.js';
import { JObject, type Value } from '../values.js';

/** Placeholder until the tool is implemented: no methods. */
export class MathTool extends JObject implements HasMethods {
  readonly javaClass = 'org.apache.velocity.tools.generic.MathTool';
  constructor(_options?: unknown) {
    super();
  }
  callMethod(_name: string, _args: Value[]): MethodResult | typeof NO_METHOD {
    return NO_METHOD;
  }
}
