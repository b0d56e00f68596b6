/**
 * Objects the engine itself puts in the context: `$foreach` (ForeachScope), `#define` blocks and
 * `$bodyContent` (renderable blocks). Each has an explicit method table.
 */
import { NO_METHOD, type HasMethods, type MethodResult } from './methods.js';
import { JObject, type Value } from './values.js';

export class ForeachScope extends JObject implements HasMethods {
  readonly javaClass = 'org.apache.velocity.runtime.directive.ForeachScope';
  index = -1;
  hasNext = false;
  constructor(
    /** The scope this one replaces in the context (the enclosing loop's). */
    readonly replaced: Value,
  ) {
    super();
  }
  get parent(): ForeachScope | null {
    return this.replaced instanceof ForeachScope ? this.replaced : null;
  }
  callMethod(name: string, args: Value[]): MethodResult | typeof NO_METHOD {
    if (args.length) return NO_METHOD;
    switch (name) {
      case 'getIndex':
        return this.index;
      case 'getCount':
        return this.index + 1;
      case 'hasNext':
      case 'getHasNext':
        return this.hasNext;
      case 'isFirst':
      case 'getFirst':
        return this.index === 0;
      case 'isLast':
      case 'getLast':
        return !this.hasNext;
      case 'getParent':
        return this.parent;
      case 'getTopmost': {
        let s: ForeachScope = this;
        while (s.parent) s = s.parent;
        return s;
      }
      case 'getReplaced':
        return this.replaced;
      default:
        return NO_METHOD;
    }
  }
  javaToString(): string {
    return '{}';
  }
}

/**
 * A block of template rendered where it is referenced (`#define`, `$bodyContent`). Like
 * Velocity's Block.Reference it counts how deep it is rendering itself: past `maxDepth` (2 for
 * #define, the macro depth for a body) it renders nothing and its reference prints as written.
 */
export class RenderableBlock extends JObject implements HasMethods {
  readonly javaClass = 'org.apache.velocity.runtime.directive.Block$Reference';
  private depth = 0;
  constructor(
    /** Renders the block into the current output (a #break inside ends just the block). */
    private readonly renderBody: () => void,
    /** Runs a render into a string of its own. */
    private readonly capture: (f: () => void) => string,
    private readonly maxDepth: number,
  ) {
    super();
  }
  /**
   * Renders the block where it is referenced, straight into the output (so what it wrote stays
   * if a #stop inside ends the template); false past the recursion depth.
   */
  renderHere(): boolean {
    if (this.depth + 1 > this.maxDepth) return false;
    this.depth++;
    try {
      this.renderBody();
    } finally {
      this.depth--;
    }
    return true;
  }
  /** The rendered block as a string (toString()), or null past the recursion depth. */
  render(): string | null {
    if (this.depth + 1 > this.maxDepth) return null;
    return this.capture(() => this.renderHere());
  }
  callMethod(name: string, args: Value[]): MethodResult | typeof NO_METHOD {
    if (name === 'toString' && args.length === 0) return this.render();
    return NO_METHOD;
  }
  javaToString(): string {
    return this.render() ?? '';
  }
  /** True unless nested past its depth: #if($block) does not render the block. */
  javaAsBoolean(): boolean {
    return this.depth <= this.maxDepth;
  }
}
