/**
 * CI recipes `velvet init --ci` writes. GitHub Actions: findings as annotations on the pull
 * request (`--format github`) and in code scanning (SARIF upload). GitLab CI: the merge request's
 * Code Quality widget (`--format gitlab` as a codequality report). In both the job fails when
 * the linter finds errors.
 *
 * The jobs run the velvet the project installs (`npm ci`, then `npx --no-install velvet`): the
 * registry name `velvet` belongs to an unrelated package, so a recipe must never let npm fetch
 * it. `velvet init --ci` refuses a folder without a package.json for that reason.
 */
export const CI_KINDS = ['github', 'gitlab'] as const;
export type CiKind = (typeof CI_KINDS)[number];

/** How the jobs run velvet: only the installed one (`--no-install`: npx fails rather than fetch). */
export const CI_VELVET = 'npx --no-install velvet';

export function ciFile(kind: CiKind): { path: string; content: string } {
  const install = 'npm ci';
  const velvet = CI_VELVET;
  if (kind === 'github') {
    return {
      path: '.github/workflows/velvet.yml',
      content: `# Lints the email templates: findings show on the pull request and in code scanning.
name: velvet
on:
  push:
  pull_request:
permissions:
  contents: read
  security-events: write
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: ${install}
      - name: SARIF for code scanning
        run: ${velvet} lint --format sarif > velvet.sarif || true
      - uses: github/codeql-action/upload-sarif@v3
        if: always()
        with:
          sarif_file: velvet.sarif
          category: velvet
      - name: velvet lint
        run: ${velvet} lint --format github
`,
    };
  }
  return {
    path: '.gitlab-ci.yml',
    content: `# Lints the email templates: findings show in the merge request's Code Quality widget.
velvet-lint:
  image: node:20
  stage: test
  script:
    - ${install}
    - ${velvet} lint --format gitlab > gl-code-quality-report.json || true
    - ${velvet} lint
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-report.json
`,
  };
}
