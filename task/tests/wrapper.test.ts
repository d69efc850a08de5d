import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, it } from 'node:test';
import { Platform } from 'azure-pipelines-task-lib/task';
import { Docker, Fixture, Rampart, Token, fixture, leaks, outputs, result, resultsJson, runTask } from './harness';

const EngineImage = 'ghcr.io/OWNER/rampart@sha256:0000000000000000000000000000000000000000000000000000000000000000';

/** The docker command line the task should run for a fixture, written out here rather than by the code under test. */
function dockerCommand(f: Fixture, scan: string, extra: { mounts?: string; env?: string[] } = {}): string {
    const { uid, gid } = os.userInfo();
    const socketGid = fs.statSync(f.socket).gid;
    const env = [
        'AGENT_TEMPDIRECTORY', 'BUILD_BUILDID', 'BUILD_REASON', 'BUILD_REPOSITORY_ID', 'BUILD_REPOSITORY_PROVIDER',
        'BUILD_SOURCESDIRECTORY', 'DOCKER_HOST', 'RAMPARTTASK_ANNOTATIONS', 'RAMPARTTASK_COMMENT', 'RAMPARTTASK_LINE_COMMENTS',
        'RAMPARTTASK_OUTPUTS', 'RAMPARTTASK_STATUS', 'SYSTEM_ACCESSTOKEN', 'SYSTEM_COLLECTIONURI',
        'SYSTEM_PULLREQUEST_PULLREQUESTID', 'SYSTEM_PULLREQUEST_SOURCECOMMITID', 'SYSTEM_TEAMPROJECT', 'TF_BUILD',
        ...(extra.env ?? []),
    ].sort();
    return [
        Docker, 'run', '--rm', '--user', `${uid}:${gid}`, '--group-add', String(socketGid), '--volume', `${f.socket}:${f.socket}`,
        '--volume', `${f.sources}:${f.sources}`, '--volume', `${f.temp}:${f.temp}`, ...(extra.mounts ? [extra.mounts] : []),
        '--workdir', f.sources, ...env.flatMap(name => ['--env', name]), EngineImage, scan,
    ].join(' ');
}

function passedFiles(f: Fixture, images = [{ sbom: path.join(f.output, 'shop_api_pr-42.cdx.json'), score: 84, grade: 'B' }]): Record<string, string> {
    return {
        [path.join(f.output, 'results.json')]: resultsJson(images),
        [path.join(f.output, 'report.md')]: '# Rampart\n',
        [path.join(f.output, 'results.sarif')]: '{}',
    };
}

describe('the task in its container', () => {
    it('builds and scans the Dockerfile in the engine image with the workspace, socket and pipeline variables', async () => {
        const f = fixture();
        const commandLine = dockerCommand(f, `scan --dockerfile ${f.dockerfile} --output-dir ${f.output}`);
        const run = await runTask(f, {
            inputs: { dockerfile: f.dockerfile },
            exec: { commandLine, code: 0, stdout: 'Hardening B (84/100), gate passed\n' },
            engineFiles: passedFiles(f),
        });

        assert.ok(run.runner.ran(commandLine), run.runner.stdout);
        assert.equal(result(run), 'Succeeded');
        assert.ok(run.runner.succeeded);
        assert.equal(run.capture?.cwd, f.sources);
        const env = run.capture?.env ?? {};
        assert.equal(env['SYSTEM_ACCESSTOKEN'], Token);
        assert.equal(env['SYSTEM_COLLECTIONURI'], 'https://dev.azure.com/contoso/');
        assert.equal(env['BUILD_REPOSITORY_ID'], '6f1d2c4e-0000-4000-8000-000000000001');
        assert.equal(env['SYSTEM_PULLREQUEST_PULLREQUESTID'], '42');
        assert.equal(env['BUILD_SOURCESDIRECTORY'], f.sources);
        assert.equal(env['TF_BUILD'], 'True');
        assert.equal(env['RAMPARTTASK_OUTPUTS'], 'false');
        assert.deepEqual(leaks(run, Token), [], 'the token is printed only to be masked');
        assert.ok(run.commands.some(c => c.command === 'task.setsecret' && c.message === Token));
    });

    it('sets every output variable from the results, attaches the summary and uploads the outputs', async () => {
        const f = fixture();
        const images = [
            { sbom: path.join(f.output, 'a.cdx.json'), score: 91, grade: 'A', lockIn: { score: 12.25, level: 'low' } },
            { sbom: path.join(f.output, 'b.cdx.json'), score: 58, grade: 'D', lockIn: { score: 64.04, level: 'high' } },
        ];
        const commandLine = dockerCommand(f, `scan --output-dir ${f.output} -- docker:shop/a:1 registry:shop/b:2`);
        const run = await runTask(f, {
            inputs: { images: 'docker:shop/a:1\n\n  registry:shop/b:2  \r\n' },
            exec: { commandLine, code: 0 },
            engineFiles: passedFiles(f, images),
        });

        assert.ok(run.runner.ran(commandLine), run.runner.stdout);
        assert.deepEqual(outputs(run), {
            sbomPath: `${images[0]?.sbom}\n${images[1]?.sbom}`,
            resultsPath: path.join(f.output, 'results.json'),
            sarifPath: path.join(f.output, 'results.sarif'),
            markdownPath: path.join(f.output, 'report.md'),
            hardeningScore: '58',
            hardeningGrade: 'D',
            lockInScore: '64',
            lockInLevel: 'high',
            gateResult: 'passed',
        });
        const summary = run.commands.find(c => c.command === 'task.addattachment');
        assert.deepEqual(summary?.properties, { type: 'Distributedtask.Core.Summary', name: 'Rampart' });
        assert.equal(summary?.message, path.join(f.output, 'report.md'));
        const artifact = run.commands.find(c => c.command === 'artifact.upload');
        assert.deepEqual(artifact?.properties, { containerfolder: 'rampart', artifactname: 'rampart' });
        assert.equal(artifact?.message, f.output);
    });

    it('neutralises logging commands in the engine output except its own issues', async () => {
        const f = fixture();
        const commandLine = dockerCommand(f, `scan --output-dir ${f.output} -- docker:shop/api:pr-42`);
        const stdout = [
            '##vso[task.logissue type=error;sourcepath=Dockerfile;linenumber=3]RAMPART-H001 runs as root',
            'label: ##vso[task.setvariable variable=gateResult;isOutput=true]passed',
            '##vso[task.complete result=Succeeded]forged',
            '##vso[artifact.upload artifactname=x]/etc',
        ].join('\n');
        const run = await runTask(f, {
            inputs: { images: 'docker:shop/api:pr-42' },
            exec: { commandLine, code: 1, stdout },
            engineFiles: { [path.join(f.output, 'results.json')]: resultsJson([{ score: 40, grade: 'E' }], ['RAMPART-H001 is high']) },
        });

        assert.ok(run.runner.stdout.includes('##vso[task.logissue type=error;sourcepath=Dockerfile;linenumber=3]RAMPART-H001'));
        assert.ok(run.runner.stdout.includes('label: ##_vso[task.setvariable variable=gateResult'));
        assert.ok(run.runner.stdout.includes('##_vso[task.complete result=Succeeded]forged'));
        assert.ok(run.runner.stdout.includes('##_vso[artifact.upload artifactname=x]/etc'));
        assert.deepEqual(run.commands.filter(c => c.command === 'task.complete').map(c => c.properties['result']), ['Failed']);
        assert.equal(outputs(run)['gateResult'], 'failed');
        assert.equal(run.commands.filter(c => c.command === 'artifact.upload').length, 1);
    });

    it('writes the registry connection to a private Docker config in the agent temporary directory, removed afterwards', async () => {
        const f = fixture();
        const env = {
            ENDPOINT_AUTH_shopregistry: JSON.stringify({
                scheme: 'UsernamePassword',
                parameters: { registry: 'registry.shop.example', username: 'puller', password: 's3cret-pw' },
            }),
        };
        const run = await runTask(f, {
            inputs: { images: 'docker:registry.shop.example/api:1', containerRegistry: 'shopregistry' },
            env,
        });

        const config = run.capture?.env['DOCKER_CONFIG'] ?? '';
        assert.equal(path.dirname(config), f.temp);
        assert.match(path.basename(config), /^rampart-docker-[0-9a-f]{16}$/);
        const commandLine = dockerCommand(f, `scan --output-dir ${f.output} -- docker:registry.shop.example/api:1`, { env: ['DOCKER_CONFIG'] });
        assert.equal(`${run.capture?.tool} ${run.capture?.args.join(' ')}`, commandLine);
        const auth = Buffer.from('puller:s3cret-pw').toString('base64');
        assert.deepEqual(JSON.parse(run.capture?.dockerConfigJson ?? '{}'), { auths: { 'registry.shop.example': { auth } } });
        assert.ok(run.commands.some(c => c.command === 'task.setsecret' && c.message === 's3cret-pw'));
        assert.ok(run.commands.some(c => c.command === 'task.setsecret' && c.message === auth));
        assert.deepEqual(leaks(run, 's3cret-pw'), [], 'the password is printed only to be masked');
        assert.ok(!fs.existsSync(config), 'the Docker config is removed after the run');
    });

    it('uses the DOCKER_CONFIG of an earlier Docker login, mounted read-only', async () => {
        const f = fixture();
        const login = path.join(f.root, 'docker-login');
        const commandLine = dockerCommand(f, `scan --output-dir ${f.output} -- docker:registry.shop.example/api:1`, {
            mounts: `--volume ${login}:${login}:ro`,
            env: ['DOCKER_CONFIG'],
        });
        const run = await runTask(f, {
            inputs: { images: 'docker:registry.shop.example/api:1' },
            env: { DOCKER_CONFIG: login },
            exec: { commandLine, code: 0 },
            engineFiles: passedFiles(f),
        });

        assert.ok(run.runner.ran(commandLine), run.runner.stdout);
        assert.equal(run.capture?.env['DOCKER_CONFIG'], login);
    });

    it('fails fast on an agent that is not Linux, naming the CLI runner', async () => {
        const f = fixture();
        const run = await runTask(f, { inputs: { images: 'docker:shop/api:1' }, platform: Platform.Windows });

        assert.ok(run.runner.failed);
        assert.equal(run.runner.invokedToolCount, 0);
        assert.ok(run.runner.errorIssues.some(issue => issue.includes('Linux agents only') && issue.includes("'runner' to 'cli'")), run.runner.stdout);
    });

    it('fails with a clear message when the Docker socket is missing', async () => {
        const f = fixture();
        fs.rmSync(f.socket);
        const run = await runTask(f, { inputs: { images: 'docker:shop/api:1' } });

        assert.ok(run.runner.failed);
        assert.equal(run.runner.invokedToolCount, 0);
        assert.ok(run.runner.errorIssues.some(issue => issue.includes(`The Docker socket ${f.socket} does not exist`)), run.runner.stdout);
    });
});

describe('a GitHub repository', () => {
    const GitHubToken = 'gho_fake-connection-token-9c41';

    /** What the agent sets for a pull-request build of a GitHub repository, with the service connection `gh`. */
    function gitHubBuild(scheme: string, parameters: Record<string, string>): Record<string, string> {
        return {
            BUILD_REPOSITORY_PROVIDER: 'GitHub',
            BUILD_REPOSITORY_NAME: 'acme/shop',
            BUILD_REPOSITORY_ID: 'acme/shop',
            BUILD_REPOSITORY_URI: 'https://github.com/acme/shop',
            SYSTEM_PULLREQUEST_PULLREQUESTID: '1817500017',
            SYSTEM_PULLREQUEST_PULLREQUESTNUMBER: '17',
            SYSTEM_PULLREQUEST_SOURCECOMMITID: '0a1b2c3d',
            ENDPOINT_AUTH_gh: JSON.stringify({ scheme, parameters }),
        };
    }

    it('passes the GitHub connection\'s token and scheme to the engine by name only, masked, with the repository variables', async () => {
        const f = fixture();
        const commandLine = dockerCommand(f, `scan --output-dir ${f.output} -- docker:shop/api:pr-17`, {
            env: ['BUILD_REPOSITORY_NAME', 'BUILD_REPOSITORY_URI', 'RAMPARTTASK_GITHUB_TOKEN', 'RAMPARTTASK_GITHUB_TOKEN_SCHEME', 'SYSTEM_PULLREQUEST_PULLREQUESTNUMBER'],
        });
        const run = await runTask(f, {
            inputs: { images: 'docker:shop/api:pr-17', gitHubConnection: 'gh' },
            env: gitHubBuild('OAuth', { AccessToken: GitHubToken }),
            exec: { commandLine, code: 0 },
            engineFiles: passedFiles(f),
        });

        assert.ok(run.runner.ran(commandLine), run.runner.stdout);
        assert.equal(result(run), 'Succeeded');
        const env = run.capture?.env ?? {};
        assert.equal(env['RAMPARTTASK_GITHUB_TOKEN'], GitHubToken);
        assert.equal(env['RAMPARTTASK_GITHUB_TOKEN_SCHEME'], 'OAuth');
        assert.equal(env['BUILD_REPOSITORY_PROVIDER'], 'GitHub');
        assert.equal(env['BUILD_REPOSITORY_NAME'], 'acme/shop');
        assert.equal(env['BUILD_REPOSITORY_URI'], 'https://github.com/acme/shop');
        assert.equal(env['SYSTEM_PULLREQUEST_PULLREQUESTNUMBER'], '17');
        assert.ok(run.commands.some(c => c.command === 'task.setsecret' && c.message === GitHubToken));
        assert.deepEqual(leaks(run, GitHubToken), [], 'the token is printed only to be masked');
        assert.ok(!(run.capture?.args ?? []).some(arg => arg.includes(GitHubToken)), 'the token is never an argument');
    });

    for (const [scheme, parameter] of [['InstallationToken', 'AccessToken'], ['PersonalAccessToken', 'accessToken'], ['Token', 'AccessToken']] as const) {
        it(`reads a ${scheme} connection's token from its ${parameter} parameter`, async () => {
            const f = fixture();
            const run = await runTask(f, {
                inputs: { runner: 'cli', images: 'docker:shop/api:pr-17', gitHubConnection: 'gh' },
                env: gitHubBuild(scheme, { [parameter]: GitHubToken }),
            });

            assert.equal(run.capture?.env['RAMPARTTASK_GITHUB_TOKEN'], GitHubToken);
            assert.equal(run.capture?.env['RAMPARTTASK_GITHUB_TOKEN_SCHEME'], scheme);
            assert.deepEqual(leaks(run, GitHubToken), []);
        });
    }

    it('gives the engine no GitHub token when no connection is set', async () => {
        const f = fixture();
        const run = await runTask(f, { inputs: { runner: 'cli', images: 'docker:shop/api:pr-17' }, env: gitHubBuild('OAuth', { AccessToken: GitHubToken }) });

        assert.equal(run.capture?.env['RAMPARTTASK_GITHUB_TOKEN'], undefined);
        assert.equal(run.capture?.env['RAMPARTTASK_GITHUB_TOKEN_SCHEME'], undefined);
    });

    it('fails before the engine starts when the connection does not exist', async () => {
        const f = fixture();
        const run = await runTask(f, { inputs: { images: 'docker:shop/api:pr-17', gitHubConnection: 'missing' } });

        assert.ok(run.runner.failed);
        assert.equal(run.runner.invokedToolCount, 0);
        assert.ok(run.runner.errorIssues.some(issue => issue.startsWith("The GitHub service connection 'missing' (the gitHubConnection input) was not found")), run.runner.stdout);
    });

    it('fails on a connection that signs in another way, naming the schemes it takes', async () => {
        const f = fixture();
        const run = await runTask(f, {
            inputs: { images: 'docker:shop/api:pr-17', gitHubConnection: 'gh' },
            env: gitHubBuild('UsernamePassword', { username: 'octocat', password: 'hunter2' }),
        });

        assert.ok(run.runner.failed);
        assert.equal(run.runner.invokedToolCount, 0);
        assert.ok(run.runner.errorIssues.includes(
            "The GitHub service connection 'gh' signs in with 'UsernamePassword'; Rampart takes connections that sign in with InstallationToken, OAuth, PersonalAccessToken, Token."),
            run.runner.stdout);
    });

    it('fails on a connection without a token', async () => {
        const f = fixture();
        const run = await runTask(f, { inputs: { images: 'docker:shop/api:pr-17', gitHubConnection: 'gh' }, env: gitHubBuild('OAuth', {}) });

        assert.ok(run.runner.failed);
        assert.ok(run.runner.errorIssues.includes("The GitHub service connection 'gh' (OAuth) holds no token."), run.runner.stdout);
    });
});

describe('the task with a rampart CLI on the agent', () => {
    it('runs the CLI from the PATH in the sources directory with every option explicit', async () => {
        const f = fixture();
        const config = path.join(f.sources, '.rampart.yml');
        const baseline = path.join(f.root, 'baseline', 'results.json');
        const commandLine = [
            Rampart, 'scan', '--dockerfile', f.dockerfile, '--context', f.sources, '--build-arg', 'VERSION=1.2',
            '--build-arg', 'CHANNEL=stable', '--target', 'runtime', '--platform', 'linux/arm64', '--config', config,
            '--fail-on', 'medium', '--fail-on-lockin', 'moderate', '--min-severity', 'low', '--sbom-spec-version', '1.7',
            '--baseline', baseline, '--output-dir', path.join(f.sources, 'out'), '--', 'docker:shop/api:pr-42',
        ].join(' ');
        const run = await runTask(f, {
            inputs: {
                runner: 'cli',
                images: 'docker:shop/api:pr-42',
                dockerfile: f.dockerfile,
                context: f.sources,
                buildArgs: 'VERSION=1.2\nCHANNEL=stable',
                target: 'runtime',
                platform: 'linux/arm64',
                config,
                failOn: 'medium',
                failOnLockIn: 'moderate',
                minSeverity: 'low',
                sbomSpecVersion: '1.7',
                baseline,
                outputDir: 'out',
                prComment: 'false',
                prStatus: 'true',
                prLineComments: 'false',
                annotations: 'false',
            },
            exec: { commandLine, code: 0 },
            engineFiles: { [path.join(f.sources, 'out', 'results.json')]: resultsJson([{ score: 100, grade: 'A' }]) },
        });

        assert.ok(run.runner.ran(commandLine), run.runner.stdout);
        assert.equal(result(run), 'Succeeded');
        const env = run.capture?.env ?? {};
        assert.equal(env['RAMPARTTASK_COMMENT'], 'false');
        assert.equal(env['RAMPARTTASK_STATUS'], 'true');
        assert.equal(env['RAMPARTTASK_LINE_COMMENTS'], 'false');
        assert.equal(env['RAMPARTTASK_ANNOTATIONS'], 'false');
        assert.equal(env['SYSTEM_ACCESSTOKEN'], Token);
        assert.equal(env['PATH'], process.env['PATH'], "the CLI keeps the agent's environment");
        assert.equal(outputs(run)['resultsPath'], path.join(f.sources, 'out', 'results.json'));
    });

    it('runs the CLI named by cliPath', async () => {
        const f = fixture();
        const cli = path.join(f.root, 'tools', 'rampart');
        const commandLine = `${cli} scan --output-dir ${f.output} -- oci-dir:${f.sources}/image`;
        const run = await runTask(f, {
            inputs: { runner: 'cli', cliPath: cli, images: `oci-dir:${f.sources}/image` },
            exec: { commandLine, code: 0 },
            engineFiles: passedFiles(f),
        });

        assert.ok(run.runner.ran(commandLine), run.runner.stdout);
        assert.equal(result(run), 'Succeeded');
    });
});

describe('exit codes', () => {
    const cli = (f: Fixture): string => `${Rampart} scan --output-dir ${f.output} -- docker:shop/api:pr-42`;

    it('1 fails the task by default and names the gate reasons', async () => {
        const f = fixture();
        const reasons = Array.from({ length: 7 }, (_, i) => `docker:shop/api:pr-42: RAMPART-H00${i} is high`);
        const run = await runTask(f, {
            inputs: { runner: 'cli', images: 'docker:shop/api:pr-42' },
            exec: { commandLine: cli(f), code: 1 },
            engineFiles: { [path.join(f.output, 'results.json')]: resultsJson([{ score: 40, grade: 'E' }], reasons) },
        });

        assert.equal(result(run), 'Failed');
        const issue = run.runner.errorIssues.find(i => i.startsWith('The Rampart gate failed: '));
        assert.ok(issue?.includes(reasons[4] ?? '') && !issue.includes(reasons[5] ?? '') && issue.includes('(and 2 more)'), issue);
        assert.equal(outputs(run)['gateResult'], 'failed');
        assert.equal(outputs(run)['hardeningGrade'], 'E');
    });

    it('1 succeeds with issues when gateFailureResult says so', async () => {
        const f = fixture();
        const run = await runTask(f, {
            inputs: { runner: 'cli', images: 'docker:shop/api:pr-42', gateFailureResult: 'succeededWithIssues' },
            exec: { commandLine: cli(f), code: 1 },
            engineFiles: { [path.join(f.output, 'results.json')]: resultsJson([{ score: 40, grade: 'E' }], ['too weak']) },
        });

        assert.equal(result(run), 'SucceededWithIssues');
        assert.ok(run.runner.succeeded);
        assert.ok(run.runner.warningIssues.includes('The Rampart gate failed: too weak.'), run.runner.stdout);
    });

    it('2 fails as a usage error, with the error output variables and no summary', async () => {
        const f = fixture();
        const run = await runTask(f, {
            inputs: { runner: 'cli', images: 'docker:shop/api:pr-42' },
            exec: { commandLine: cli(f), code: 2, stdout: "--fail-on: 'severe' is not a severity\n" },
        });

        assert.equal(result(run), 'Failed');
        assert.ok(run.runner.errorIssues.some(i => i.includes('usage or configuration error (exit code 2)')));
        assert.equal(outputs(run)['gateResult'], 'error');
        assert.equal(outputs(run)['resultsPath'], '');
        assert.ok(!run.commands.some(c => c.command === 'task.addattachment'));
    });

    it('3 fails as a runtime error and ignores results left by an earlier run', async () => {
        const f = fixture();
        fs.mkdirSync(f.output, { recursive: true });
        fs.writeFileSync(path.join(f.output, 'results.json'), resultsJson([{ score: 100, grade: 'A' }]));
        const run = await runTask(f, {
            inputs: { runner: 'cli', images: 'docker:shop/api:pr-42' },
            exec: { commandLine: cli(f), code: 3 },
        });

        assert.equal(result(run), 'Failed');
        assert.ok(run.runner.errorIssues.some(i => i.includes('could not read an image or failed at run time (exit code 3)')));
        assert.equal(outputs(run)['gateResult'], 'error');
        assert.ok(!fs.existsSync(path.join(f.output, 'results.json')));
        assert.ok(!run.commands.some(c => c.command === 'artifact.upload'), 'an empty output directory is not uploaded');
    });

    it('any other code fails as an engine that did not run to the end', async () => {
        const f = fixture();
        const commandLine = dockerCommand(f, `scan --output-dir ${f.output} -- docker:shop/api:pr-42`);
        const run = await runTask(f, {
            inputs: { images: 'docker:shop/api:pr-42' },
            exec: { commandLine, code: 125, stdout: 'Unable to find image locally\n' },
        });

        assert.equal(result(run), 'Failed');
        assert.ok(run.runner.errorIssues.some(i => i.includes('The Rampart container did not run to the end (exit code 125)')), run.runner.stdout);
    });
});

describe('inputs', () => {
    it('need an image or a Dockerfile', async () => {
        const f = fixture();
        const run = await runTask(f, {});

        assert.ok(run.runner.failed);
        assert.equal(run.runner.invokedToolCount, 0);
        assert.ok(run.runner.errorIssues.includes("Set 'images' (one per line) or 'dockerfile' (to build and scan)."), run.runner.stdout);
    });

    it('reject a switch that is not true or false', async () => {
        const f = fixture();
        const run = await runTask(f, { inputs: { images: 'docker:a', prStatus: 'yes' } });

        assert.ok(run.runner.failed);
        assert.ok(run.runner.errorIssues.includes("The 'prStatus' input must be true or false, not 'yes'."), run.runner.stdout);
    });

    it('reject an unknown runner', async () => {
        const f = fixture();
        const run = await runTask(f, { inputs: { images: 'docker:a', runner: 'podman' } });

        assert.ok(run.runner.failed);
        assert.ok(run.runner.errorIssues.includes("The 'runner' input must be one of container, cli, not 'podman'."), run.runner.stdout);
    });
});
