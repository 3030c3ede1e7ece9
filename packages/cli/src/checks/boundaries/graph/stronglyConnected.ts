/**
 * Tarjan's strongly connected components, iterative so deep import chains cannot overflow the stack.
 * Nodes are 0..count-1; `successors[n]` lists n's targets. Returns components of two or more nodes,
 * plus single nodes that import themselves, each sorted ascending, in ascending order of their first node.
 */
export function stronglyConnectedComponents(count: number, successors: readonly (readonly number[])[]): number[][] {
  const index = new Int32Array(count).fill(-1);
  const lowLink = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const components: number[][] = [];
  let nextIndex = 0;

  for (let start = 0; start < count; start += 1) {
    if (index[start] !== -1) continue;
    const frames: { node: number; edge: number }[] = [{ node: start, edge: 0 }];
    index[start] = lowLink[start] = nextIndex++;
    stack.push(start);
    onStack[start] = 1;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      if (frame === undefined) break;
      const targets = successors[frame.node] ?? [];
      if (frame.edge < targets.length) {
        const target = targets[frame.edge] ?? 0;
        frame.edge += 1;
        if (index[target] === -1) {
          index[target] = lowLink[target] = nextIndex++;
          stack.push(target);
          onStack[target] = 1;
          frames.push({ node: target, edge: 0 });
        } else if (onStack[target] === 1) {
          lowLink[frame.node] = Math.min(lowLink[frame.node] ?? 0, index[target] ?? 0);
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent !== undefined) lowLink[parent.node] = Math.min(lowLink[parent.node] ?? 0, lowLink[frame.node] ?? 0);
      if (lowLink[frame.node] !== index[frame.node]) continue;
      const component: number[] = [];
      for (;;) {
        const member = stack.pop();
        if (member === undefined) break;
        onStack[member] = 0;
        component.push(member);
        if (member === frame.node) break;
      }
      if (component.length > 1 || (successors[frame.node] ?? []).includes(frame.node)) components.push(component.sort((left, right) => left - right));
    }
  }
  return components.sort((left, right) => (left[0] ?? 0) - (right[0] ?? 0));
}
