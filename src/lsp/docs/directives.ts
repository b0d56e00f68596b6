/** Velocity directives: a snippet to insert and a short doc for completion and hover. */

export interface DirectiveDoc {
  name: string;
  /** LSP snippet text after the `#`. */
  snippet: string;
  doc: string;
}

const d = (name: string, snippet: string, doc: string): DirectiveDoc => ({ name, snippet, doc });

export const DIRECTIVES: DirectiveDoc[] = [
  d('if', 'if(${1:\\$condition})\n\t$0\n#end', '`#if(condition) … #elseif(…) … #else … #end`: renders the first branch whose condition is true. null, false and (in Velocity 2.x) empty strings and collections are false.'),
  d('elseif', 'elseif(${1:\\$condition})', '`#elseif(condition)`: another branch of an `#if`.'),
  d('else', 'else', '`#else`: the branch of an `#if` (or the body of `#foreach` … `#else` for an empty list) when nothing else ran.'),
  d('end', 'end', '`#end`: closes #if, #foreach, #macro, #define and block macro calls.'),
  d('foreach', 'foreach(\\$${1:item} in \\$${2:items})\n\t$0\n#end', '`#foreach($item in $list) … #end`: renders the body for every item of a list, map values or a range `[1..5]`. `$foreach.count`, `.index`, `.hasNext`, `.first`, `.last` describe the iteration.'),
  d('set', 'set(\\$${1:name} = ${2:value})', '`#set($name = value)`: assigns a variable (or a map key with `$map.key`). Setting null keeps the old value in Velocity 2.x unless configured otherwise.'),
  d('macro', 'macro(${1:name} \\$${2:param})\n\t$0\n#end', '`#macro(name $param …) … #end`: defines a macro, called as `#name(arg …)` after its definition.'),
  d('define', 'define(\\$${1:block})\n\t$0\n#end', '`#define($block) … #end`: a block of template rendered where `$block` is referenced.'),
  d('evaluate', 'evaluate(${1:\\$text})', '`#evaluate(text)`: renders a string as a template, in the current context.'),
  d('break', 'break', '`#break`: leaves the innermost #foreach (or `#break($foreach)`).'),
  d('stop', 'stop', '`#stop`: stops rendering the template here.'),
];

export const directiveByName = (name: string): DirectiveDoc | undefined => DIRECTIVES.find((x) => x.name === name);
