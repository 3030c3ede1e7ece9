import { createRepo, MINIMAL_CONFIG, runIntegrity, type TempRepo } from '../../integrity/gitRepo.js';
import { attribute, type DocExample, type DocExampleExecutor } from './page.js';

const repos: TempRepo[] = [];

const TSCONFIG = '{\n  "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext", "strict": true }\n}\n';

export function removeIntegrityRepos(): void {
  for (const repo of repos.splice(0)) repo.cleanup();
}

/**
 * An integrity example is a change: ```<lang> before=<path>``` blocks are committed as the base, ```<lang> after=<path>```
 * blocks are the change (a file with a before block and no after block is deleted), and the check runs against the base.
 */
export const integrityExamples: DocExampleExecutor = {
  incorrect: 'only',
  correct: 'nothing',
  async run(example: DocExample) {
    const before: Record<string, string> = {};
    const after: Record<string, string> = {};
    for (const block of example.blocks) {
      const beforeFile = attribute(block, 'before');
      const afterFile = attribute(block, 'after');
      if (beforeFile !== undefined) before[beforeFile] = block.body;
      if (afterFile !== undefined) after[afterFile] = block.body;
    }
    if (Object.keys(before).length + Object.keys(after).length === 0) throw new Error(`example at line ${example.line} has no before or after files`);
    const ownConfig = [...Object.keys(before), ...Object.keys(after)].some((file) => /^npvguard\.config\./.test(file));
    // A tsconfig as most projects have one, so imports resolve (route code is found by them); an example may bring its own.
    const repo = createRepo({ ...(ownConfig ? {} : { 'npvguard.config.ts': MINIMAL_CONFIG }), 'tsconfig.json': TSCONFIG, 'src/core/index.ts': 'export {};\n', 'src/server/index.ts': 'export {};\n', ...before });
    repos.push(repo);
    repo.remove(...Object.keys(before).filter((file) => !(file in after)));
    repo.write(after);
    repo.commit('example');
    const result = await runIntegrity(repo.root);
    if (result.stderr !== '') throw new Error(`the integrity check wrote to stderr: ${result.stderr}`);
    return result.findings.map((finding) => finding.ruleId);
  },
};
