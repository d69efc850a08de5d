import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import JSZip from 'jszip';
import { Fixture, Rampart, fixture, resultsJson, runTask, taskFolder, taskJson } from './harness';

const root = path.resolve(taskFolder, '..');
const extension = JSON.parse(fs.readFileSync(path.join(root, 'vss-extension.json'), 'utf8')) as {
    id: string;
    publisher: string;
    version: string;
    files: { path: string }[];
    contributions: { type: string; properties: { name: string } }[];
};
const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    version: string;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
};
const taskVersion = `${taskJson.version.Major}.${taskJson.version.Minor}.${taskJson.version.Patch}`;

/**
 * How each input reaches the engine. `option`: the CLI option it becomes, with the value set below; `env`: the
 * variable the engine reads; `task`: used by the task itself, with the evidence checked below.
 */
const inputRoutes: Record<string, { option: string } | { env: string } | { task: string }> = {
    images: { option: '--' },
    dockerfile: { option: '--dockerfile' },
    context: { option: '--context' },
    buildArgs: { option: '--build-arg' },
    target: { option: '--target' },
    platform: { option: '--platform' },
    config: { option: '--config' },
    failOn: { option: '--fail-on' },
    failOnLockIn: { option: '--fail-on-lockin' },
    minSeverity: { option: '--min-severity' },
    baseline: { option: '--baseline' },
    sbomSpecVersion: { option: '--sbom-spec-version' },
    outputDir: { option: '--output-dir' },
    prComment: { env: 'RAMPARTTASK_COMMENT' },
    prStatus: { env: 'RAMPARTTASK_STATUS' },
    prLineComments: { env: 'RAMPARTTASK_LINE_COMMENTS' },
    annotations: { env: 'RAMPARTTASK_ANNOTATIONS' },
    runner: { task: 'the CLI runs instead of docker' },
    cliPath: { task: 'the executable that runs' },
    gateFailureResult: { task: 'the task result on exit code 1' },
    publishArtifacts: { task: 'whether the artifact is uploaded' },
    artifactName: { task: 'the artifact name' },
    engineImage: { task: 'the image docker runs' },
    containerRegistry: { task: 'the Docker config the engine gets' },
    gitHubConnection: { task: 'the GitHub token the engine gets' },
};

function values(f: Fixture): Record<string, string> {
    return {
        images: 'registry:shop/api:pr-42',
        dockerfile: path.join(f.sources, 'build', 'Dockerfile'),
        context: 'build',
        buildArgs: 'VERSION=9.9',
        target: 'final',
        platform: 'linux/arm64/v8',
        config: path.join(f.sources, 'policy.json'),
        failOn: 'critical',
        failOnLockIn: 'high',
        minSeverity: 'medium',
        baseline: path.join(f.sources, 'baseline.json'),
        sbomSpecVersion: '1.7',
        outputDir: 'scan-out',
        prComment: 'false',
        prStatus: 'false',
        prLineComments: 'false',
        annotations: 'false',
        runner: 'cli',
        cliPath: path.join(f.root, 'bin', 'rampart'),
        gateFailureResult: 'succeededWithIssues',
        publishArtifacts: 'true',
        artifactName: 'image-scan',
    };
}

describe('the task manifest', () => {
    it('has the version of the extension and of the npm package', () => {
        assert.equal(extension.version, taskVersion);
        assert.equal(packageJson.version, taskVersion);
    });

    it('is the task folder the extension contributes', () => {
        const contribution = extension.contributions.find(c => c.type === 'ms.vss-distributed-task.task');
        assert.equal(contribution?.properties.name, path.basename(taskFolder));
        assert.ok(extension.files.some(file => file.path === path.basename(taskFolder)));
    });

    it('runs the engine image that the GitHub Action is released with', () => {
        const action = fs.readFileSync(path.resolve(root, '..', 'action.yml'), 'utf8');
        const image = /^\s*image:\s*docker:\/\/(\S+)/m.exec(action)?.[1];
        assert.equal(taskJson.inputs.find(input => input.name === 'engineImage')?.defaultValue, image);
    });

    it('pins every npm package to an exact version', () => {
        for (const [name, version] of Object.entries({ ...packageJson.dependencies, ...packageJson.devDependencies })) {
            assert.match(version, /^\d+\.\d+\.\d+$/, name);
        }
    });

    it('routes every input to the engine or to the task', () => {
        assert.deepEqual(Object.keys(inputRoutes).sort(), taskJson.inputs.map(input => input.name).sort());
    });

    it('passes every CLI input as an explicit option and every switch as a variable', async () => {
        const f = fixture();
        const given = values(f);
        const outputDir = path.join(f.sources, 'scan-out');
        const commandLine = [
            given['cliPath'], 'scan', '--dockerfile', given['dockerfile'], '--context', path.join(f.sources, 'build'),
            '--build-arg', 'VERSION=9.9', '--target', 'final', '--platform', 'linux/arm64/v8', '--config', given['config'],
            '--fail-on', 'critical', '--fail-on-lockin', 'high', '--min-severity', 'medium', '--sbom-spec-version', '1.7',
            '--baseline', given['baseline'], '--output-dir', outputDir, '--', 'registry:shop/api:pr-42',
        ].join(' ');
        const run = await runTask(f, {
            inputs: given,
            exec: { commandLine, code: 1 },
            engineFiles: { [path.join(outputDir, 'results.json')]: resultsJson([{ score: 50, grade: 'D' }], ['too weak']) },
        });

        assert.ok(run.runner.ran(commandLine), run.runner.stdout);
        const args = run.capture?.args ?? [];
        for (const [name, route] of Object.entries(inputRoutes)) {
            if ('option' in route) {
                assert.ok(args.includes(route.option), `${name} is passed as ${route.option}`);
            } else if ('env' in route) {
                assert.equal(run.capture?.env[route.env], given[name], `${name} is passed as ${route.env}`);
            }
        }
        assert.equal(run.capture?.tool, given['cliPath']);
        assert.ok(!run.runner.ran(`${Rampart} ${args.join(' ')}`), 'cliPath wins over the PATH');
        assert.ok(run.commands.some(c => c.command === 'task.complete' && c.properties['result'] === 'SucceededWithIssues'));
        assert.ok(run.commands.some(c => c.command === 'artifact.upload' && c.properties['artifactname'] === 'image-scan' && c.message === outputDir));
    });

    it('passes the engine image, the registry connection and the GitHub connection in the container', async () => {
        const f = fixture();
        const run = await runTask(f, {
            inputs: { images: 'docker:a', engineImage: 'mirror.example/rampart@sha256:1234', containerRegistry: 'hub', gitHubConnection: 'gh' },
            env: {
                ENDPOINT_AUTH_hub: JSON.stringify({ scheme: 'UsernamePassword', parameters: { registry: 'https://index.docker.io/v1/', username: 'u', password: 'p' } }),
                ENDPOINT_AUTH_gh: JSON.stringify({ scheme: 'InstallationToken', parameters: { AccessToken: 'ghs_apptoken' } }),
            },
        });

        const args = run.capture?.args ?? [];
        assert.equal(args[args.indexOf('scan') - 1], 'mirror.example/rampart@sha256:1234');
        assert.ok(args.includes('DOCKER_CONFIG'));
        assert.match(run.capture?.dockerConfigJson ?? '', /"https:\/\/index\.docker\.io\/v1\/"/);
        assert.ok(args.includes('RAMPARTTASK_GITHUB_TOKEN'));
        assert.equal(run.capture?.env['RAMPARTTASK_GITHUB_TOKEN'], 'ghs_apptoken');
    });
});

describe('the .vsix package.sh built', () => {
    const vsix = path.join(root, 'out', `${extension.publisher}.${extension.id}-${extension.version}.vsix`);

    it('declares the extension, its version and the task contribution', async () => {
        const zip = await JSZip.loadAsync(fs.readFileSync(vsix));
        const manifest = await zip.file('extension.vsixmanifest')?.async('string') ?? '';
        const identity = /<Identity ([^>]*)\/>/.exec(manifest)?.[1] ?? '';
        const attribute = (name: string): string | undefined => new RegExp(`\\b${name}="([^"]*)"`).exec(identity)?.[1];
        assert.equal(attribute('Id'), extension.id);
        assert.equal(attribute('Publisher'), extension.publisher);
        assert.equal(attribute('Version'), extension.version);
        const contributions = JSON.parse(await zip.file('extension.vsomanifest')?.async('string') ?? '{}') as { contributions?: { properties: { name: string } }[] };
        assert.deepEqual(contributions.contributions?.map(c => c.properties.name), [path.basename(taskFolder)]);
    });

    it('holds the task with its entry file and runtime packages, and nothing of the build', async () => {
        const zip = await JSZip.loadAsync(fs.readFileSync(vsix));
        const names = Object.keys(zip.files);
        const folder = path.basename(taskFolder);
        const packaged = JSON.parse(await zip.file(`${folder}/task.json`)?.async('string') ?? '{}') as typeof taskJson;
        assert.deepEqual(packaged, taskJson);
        for (const handler of Object.values(taskJson.execution)) {
            assert.ok(names.includes(`${folder}/${handler.target}`), handler.target);
        }
        assert.ok(names.includes(`${folder}/icon.png`));
        assert.ok(names.includes(`${folder}/node_modules/azure-pipelines-task-lib/lib.json`));
        const own = names.filter(n => n.startsWith(`${folder}/`) && !n.startsWith(`${folder}/node_modules/`) && n !== `${folder}/`);
        const compiled = fs.readdirSync(path.join(root, 'src')).map(file => `${folder}/${file.replace(/\.ts$/, '.js')}`);
        assert.deepEqual(own.sort(), [...compiled, `${folder}/icon.png`, `${folder}/package.json`, `${folder}/task.json`].sort());
        for (const development of Object.keys(packageJson.devDependencies)) {
            assert.ok(!names.some(n => n.startsWith(`${folder}/node_modules/${development}/`)), `${development} is not packaged`);
        }
        assert.ok(fs.statSync(vsix).size < 25 * 1024 * 1024, 'Azure DevOps Server refuses extensions over 25 MB by default');
    });
});
