import { NO_METHOD, type HasMethods, type MethodResult } from '../methods.js';
import { JObject, type Value } from '../values.js';

/** Placeholder until the tool is implemented: no methods. */
export class DateTool extends JObject implements HasMethods {
  readonly javaClass = 'yespo.DateTool';
  constructor(_options?: unknown) {
    super();
  }
  callMethod(_name: string, _args: Value[]): MethodResult | typeof NO_METHOD {
    return NO_METHOD;
  }
}
