// The sticky plan comment: ONE comment per pull request, found by its <!-- dnsctl-plan --> marker
// and updated in place on every push. Run by actions/github-script (dnsctl's action.yml and
// .github/workflows/plan.yml): `await require(PATH)({ github, context })`. Reads plan.md from the
// working directory and PLAN_STATUS (dnsctl plan's exit status; empty: validation failed),
// DNSCTL_FORCED_BY (the label that accepted --force, when one did) from the environment.
const fs = require('fs');

module.exports = async function postPlanComment({ github, context, env = process.env, dir = '.' }) {
  const marker = '<!-- dnsctl-plan -->';
  const runUrl = `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`;
  const sha = context.payload.pull_request.head.sha;
  const planMd = `${dir}/plan.md`;
  let body = fs.existsSync(planMd) ? fs.readFileSync(planMd, 'utf8').trim() : '';
  if (env.PLAN_STATUS !== '0' || !body) {
    const what = !env.PLAN_STATUS ? 'dnsctl validate (or the build) failed'
      : body ? 'This plan cannot be applied as it is' : 'dnsctl plan failed';
    body = `${marker}\n\n## ❌ ${what}\n\nMerging will not apply anything from this commit. See the [job log](${runUrl}).\n\n${body.replace(marker, '')}`;
  }
  if (!body.includes(marker)) body = `${marker}\n\n${body}`;
  if (env.DNSCTL_FORCED_BY) {
    body = body.replace(marker, `${marker}\n\n> ⚠️ Safety thresholds accepted with \`--force\` through the \`${env.DNSCTL_FORCED_BY}\` label; the saved plan records it.`);
  }
  body += `\n\n<sub>Plan of ${sha.slice(0, 7)} · [run ${context.runId}](${runUrl}) · saved plan: artifact \`dnsctl-plan\`</sub>`;
  const LIMIT = 65000; // GitHub refuses comments over 65,536 characters
  if (body.length > LIMIT) body = `${body.slice(0, LIMIT - 200)}\n\n… cut to fit a comment; the full plan is in the \`dnsctl-plan\` artifact.`;
  const { owner, repo } = context.repo;
  const issue_number = context.issue.number;
  const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
  const ours = comments.find((c) => c.user?.login === 'github-actions[bot]' && c.body?.includes(marker));
  if (ours) await github.rest.issues.updateComment({ owner, repo, comment_id: ours.id, body });
  else await github.rest.issues.createComment({ owner, repo, issue_number, body });
};
