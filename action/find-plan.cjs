// Finds the reviewed plan of the merged pull request behind a push to main: the last successful
// run of the plan workflow for the PR's head commit, and its dnsctl-plan artifact. Sets the
// outputs run-id, pr, run-url; fails the step (nothing applied) when there is no such plan.
// Run by actions/github-script: `await require(PATH)({ github, context, core, workflow })`.
module.exports = async function findPlan({ github, context, core, workflow = 'dns-plan.yml', artifact = 'dnsctl-plan' }) {
  const { owner, repo } = context.repo;
  const { data: pulls } = await github.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: context.sha });
  const branch = context.ref.replace(/^refs\/heads\//, '');
  const pr = pulls.find((p) => p.merged_at && p.base.ref === branch);
  if (!pr) {
    core.setFailed(`No merged pull request found for ${context.sha}: DNS changes are applied only through a reviewed PR. Nothing was applied; open a PR so the plan workflow can plan it.`);
    return;
  }
  const headSha = pr.head.sha;
  const { data } = await github.rest.actions.listWorkflowRuns({ owner, repo, workflow_id: workflow, event: 'pull_request', head_sha: headSha, per_page: 20 });
  const latest = data.workflow_runs.filter((r) => r.status === 'completed').sort((a, b) => b.run_number - a.run_number)[0];
  if (!latest || latest.conclusion !== 'success') {
    core.setFailed(`PR #${pr.number}: no successful ${workflow} run for its head ${headSha.slice(0, 7)}${latest ? ` (latest: ${latest.html_url}, ${latest.conclusion})` : ''}. Nothing was applied; re-run the plan, review it, and apply from a new PR.`);
    return;
  }
  const { data: arts } = await github.rest.actions.listWorkflowRunArtifacts({ owner, repo, run_id: latest.id, name: artifact });
  if (!arts.artifacts.find((a) => !a.expired)) {
    core.setFailed(`PR #${pr.number}: the plan run ${latest.html_url} has no ${artifact} artifact (expired or never saved). Nothing was applied; re-plan in a new PR and review it.`);
    return;
  }
  core.info(`Applying the plan of PR #${pr.number} (head ${headSha.slice(0, 7)}) from ${latest.html_url}`);
  core.setOutput('run-id', String(latest.id));
  core.setOutput('pr', String(pr.number));
  core.setOutput('run-url', latest.html_url);
};
