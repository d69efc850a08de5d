import './node-cache';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TaskLibAnswers } from 'azure-pipelines-task-lib/mock-answer';
import { MockTestRunner } from 'azure-pipelines-task-lib/mock-test';
import { Platform } from 'azure-pipelines-task-lib/task';
import { commandFromString } from 'azure-pipelines-task-lib/taskcommand';
import { Capture, Scenario } from './scenario';

/** The task folder in the source tree (tests run from build/tests). */
export const taskFolder = path.resolve(__dirname, '..', '..', 'RampartScanV1');

interface TaskInput {
    name: string;
    type: string;
    defaultValue?: string;
    options?: Record<string, string>;
}

export interface TaskJson {
    version: { Major: number; Minor: number; Patch: number };
    inputs: TaskInput[];
    outputVariables: { name: string }[];
    execution: Record<string, { target: string }>;
}

export const taskJson = JSON.parse(fs.readFileSync(path.join(taskFolder, 'task.json'), 'utf8')) as TaskJson;

export const Docker = '/usr/bin/docker';
export const Rampart = '/opt/rampart/bin/rampart';
export const Token = 'fake-job-token-5f2c';

/** A fake agent: sources with a Dockerfile, a temporary directory, a file standing for the Docker socket. */
export interface Fixture {
    root: string;
    sources: string;
    temp: string;
    output: string;
    dockerfile: string;
    socket: string;
}

export function fixture(): Fixture {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-task-')));
    const sources = path.join(root, 's');
    const temp = path.join(root, '_temp');
    fs.mkdirSync(sources);
    fs.mkdirSync(temp);
    const dockerfile = path.join(sources, 'Dockerfile');
    fs.writeFileSync(dockerfile, 'FROM scratch\n');
    const socket = path.join(root, 'docker.sock');
    fs.writeFileSync(socket, '');
    return { root, sources, temp, output: path.join(temp, 'rampart'), dockerfile, socket };
}

/** Every input at its task.json default, as the agent passes inputs a pipeline leaves out. */
export function defaultInputs(f: Fixture): Record<string, string> {
    const inputs: Record<string, string> = {};
    for (const input of taskJson.inputs) {
        inputs[input.name] = (input.defaultValue ?? '').replace('$(Agent.TempDirectory)', f.temp);
    }
    return inputs;
}

/** What the agent sets for a pull-request build of an Azure Repos repository. */
export function agentEnvironment(f: Fixture): Record<string, string> {
    return {
        TF_BUILD: 'True',
        BUILD_SOURCESDIRECTORY: f.sources,
        AGENT_TEMPDIRECTORY: f.temp,
        SYSTEM_DEFAULTWORKINGDIRECTORY: f.sources,
        SYSTEM_COLLECTIONURI: 'https://dev.azure.com/contoso/',
        SYSTEM_TEAMPROJECT: 'Shop',
        BUILD_REPOSITORY_ID: '6f1d2c4e-0000-4000-8000-000000000001',
        BUILD_REPOSITORY_PROVIDER: 'TfsGit',
        BUILD_REASON: 'PullRequest',
        BUILD_BUILDID: '812',
        SYSTEM_PULLREQUEST_PULLREQUESTID: '42',
        SYSTEM_PULLREQUEST_SOURCECOMMITID: '0a1b2c3d',
        DOCKER_HOST: `unix://${f.socket}`,
        ENDPOINT_AUTH_SYSTEMVSSCONNECTION: JSON.stringify({ scheme: 'OAuth', parameters: { AccessToken: Token } }),
    };
}

export interface ImageSpec {
    sbom?: string;
    score: number;
    grade: string;
    lockIn?: { score: number; level: string };
}

/** A results file in the engine's format, reduced to what the task reads. */
export function resultsJson(images: ImageSpec[], reasons: string[] = []): string {
    return JSON.stringify({
        schemaVersion: '1.0',
        images: images.map(image => ({
            reference: 'docker:shop/api:pr-42',
            ...(image.sbom === undefined ? {} : { sbom: { path: image.sbom, componentCount: 12 } }),
            hardening: { score: image.score, grade: image.grade, findings: [] },
            ...(image.lockIn === undefined ? {} : { lockIn: image.lockIn }),
        })),
        gate: { failed: reasons.length > 0, reasons: reasons.map(message => ({ image: 'docker:shop/api:pr-42', message })) },
    });
}

export interface RunOptions {
    inputs?: Record<string, string>;
    env?: Record<string, string>;
    /** The command line the engine is expected to be started with, and what it answers. */
    exec?: { commandLine: string; code: number; stdout?: string };
    engineFiles?: Record<string, string>;
    platform?: Platform;
}

export interface Run {
    runner: MockTestRunner;
    capture: Capture | undefined;
    commands: { command: string; properties: Record<string, string>; message: string }[];
}

export async function runTask(f: Fixture, options: RunOptions): Promise<Run> {
    const answers: TaskLibAnswers = {
        which: { docker: Docker, rampart: Rampart },
        checkPath: { [Docker]: true, [Rampart]: true },
        getPlatform: { getPlatform: options.platform ?? Platform.Linux },
        exec: options.exec === undefined ? {} : { [options.exec.commandLine]: { code: options.exec.code, stdout: options.exec.stdout ?? '' } },
    };
    const captureFile = path.join(f.root, 'capture.json');
    fs.rmSync(captureFile, { force: true });
    const scenario: Scenario = {
        inputs: { ...defaultInputs(f), ...options.inputs },
        env: { ...agentEnvironment(f), ...options.env },
        answers,
        engineFiles: options.engineFiles ?? {},
        captureFile,
    };
    const scenarioFile = path.join(f.root, 'scenario.json');
    fs.writeFileSync(scenarioFile, JSON.stringify(scenario));
    process.env['RAMPARTTASKTEST_SCENARIO'] = scenarioFile;
    const runner = new MockTestRunner(path.join(__dirname, 'scenario-runner.js'), path.join(taskFolder, 'task.json'));
    await runner.runAsync();
    const capture = fs.existsSync(captureFile) ? (JSON.parse(fs.readFileSync(captureFile, 'utf8')) as Capture) : undefined;
    const commands = runner.stdout
        .split(/\r?\n/)
        .filter(line => line.startsWith('##vso['))
        .map(line => {
            const command = commandFromString(line);
            return { command: command.command, properties: command.properties as Record<string, string>, message: command.message };
        });
    return { runner, capture, commands };
}

/** The output variables a run set, by name. */
export function outputs(run: Run): Record<string, string> {
    const values: Record<string, string> = {};
    for (const command of run.commands) {
        if (command.command === 'task.setvariable' && command.properties['isOutput'] === 'true') {
            values[command.properties['variable'] ?? ''] = command.message;
        }
    }
    return values;
}

/** The `result` of the run's task.complete command. */
export function result(run: Run): string | undefined {
    return run.commands.filter(c => c.command === 'task.complete').map(c => c.properties['result']).pop();
}

/** Lines of the log that show `secret` other than the command that asks the agent to mask it. */
export function leaks(run: Run, secret: string): string[] {
    return run.runner.stdout.split(/\r?\n/).filter(line => line.includes(secret) && line !== `##vso[task.setsecret]${secret}`);
}
