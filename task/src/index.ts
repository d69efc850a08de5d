import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tl from 'azure-pipelines-task-lib/task';
import { gitHubCredential } from './github';
import { InputError, TaskInputs, readInputs } from './inputs';
import {
    EngineContext,
    Invocation,
    OutputFiles,
    PassedVariables,
    cliInvocation,
    containerInvocation,
    engineEnvironment,
} from './invocation';
import { DockerConfig, writeDockerConfig } from './registry';
import { Results, outputVariables, readResults } from './results';

/** The engine's own logging commands that may reach the agent; every other `##vso[` in its output is neutralised. */
const EngineCommands = ['task.logissue'];
const ShownReasons = 5;

async function run(): Promise<void> {
    const sourcesDirectory = tl.getVariable('Build.SourcesDirectory') ?? process.cwd();
    const tempDirectory = tl.getVariable('Agent.TempDirectory') ?? os.tmpdir();
    const inputs = readInputs(sourcesDirectory);
    const outputDir = inputs.outputDir;
    const files = {
        results: path.join(outputDir, OutputFiles.results),
        markdown: path.join(outputDir, OutputFiles.markdown),
        sarif: path.join(outputDir, OutputFiles.sarif),
    };
    fs.mkdirSync(outputDir, { recursive: true });
    // A self-hosted agent may keep an earlier run's files; they must not pass for this run's when the engine fails.
    for (const file of Object.values(files)) {
        fs.rmSync(file, { force: true });
    }

    let registry: DockerConfig | undefined;
    let code: number;
    try {
        registry = inputs.containerRegistry === undefined ? undefined : writeDockerConfig(inputs.containerRegistry, tempDirectory);
        const context: EngineContext = { variables: pipelineVariables() };
        // The whole authorization, not the parameter: task-lib's parameter getter writes the value to the debug log.
        const accessToken = tl.getEndpointAuthorization('SystemVssConnection', true)?.parameters['AccessToken'] ?? process.env['SYSTEM_ACCESSTOKEN'];
        if (accessToken) {
            tl.setSecret(accessToken);
            context.accessToken = accessToken;
        }
        if (inputs.gitHubConnection !== undefined) {
            context.gitHub = gitHubCredential(inputs.gitHubConnection);
        }
        const dockerConfig = registry?.directory ?? process.env['DOCKER_CONFIG'];
        if (dockerConfig) {
            context.dockerConfig = dockerConfig;
        }
        const env = engineEnvironment(inputs, context);
        const invocation = inputs.runner === 'container'
            ? containerInvocation(docker(), inputs.engineImage, inputs, containerHost(sourcesDirectory, tempDirectory, outputDir), env)
            : cliInvocation(inputs.cliPath ?? tl.which('rampart', true), inputs, outputDir, env);
        code = await execute(invocation, sourcesDirectory);
    } finally {
        registry?.remove();
    }

    const results = code === 0 || code === 1 ? readResults(files.results) : undefined;
    for (const [name, value] of outputVariables(results, files, sourcesDirectory)) {
        tl.setVariable(name, value, false, true);
    }
    if (results !== undefined && fs.existsSync(files.markdown)) {
        tl.addAttachment('Distributedtask.Core.Summary', 'Rampart', files.markdown);
    }
    if (inputs.publishArtifacts && fs.readdirSync(outputDir).length > 0) {
        tl.uploadArtifact(inputs.artifactName, outputDir, inputs.artifactName);
    }
    conclude(code, inputs, results);
}

function execute(invocation: Invocation, workingDirectory: string): Promise<number> {
    return tl.tool(invocation.tool).arg(invocation.args).execAsync({
        cwd: workingDirectory,
        env: { ...process.env, ...invocation.env },
        ignoreReturnCode: true,
        externalOutput: { source: 'childProcess', enableVsoCommands: true, allowedVsoCommands: EngineCommands },
    });
}

function conclude(code: number, inputs: TaskInputs, results: Results | undefined): void {
    const engine = inputs.runner === 'container' ? 'The Rampart container' : 'rampart';
    switch (code) {
        case 0:
            tl.setResult(tl.TaskResult.Succeeded, 'The Rampart gate passed.');
            return;
        case 1: {
            const reasons = results?.gate.reasons.map(reason => reason.message) ?? [];
            const shown = reasons.slice(0, ShownReasons).join('; ');
            const more = reasons.length > ShownReasons ? ` (and ${reasons.length - ShownReasons} more)` : '';
            const message = `The Rampart gate failed${shown ? `: ${shown}${more}` : ''}.`;
            tl.setResult(inputs.gateFailureResult === 'failed' ? tl.TaskResult.Failed : tl.TaskResult.SucceededWithIssues, message);
            return;
        }
        case 2:
            tl.setResult(tl.TaskResult.Failed, 'Rampart stopped on a usage or configuration error (exit code 2); the log above names the input or setting.');
            return;
        case 3:
            tl.setResult(tl.TaskResult.Failed, 'Rampart could not read an image or failed at run time (exit code 3); the log above says why.');
            return;
        default:
            tl.setResult(tl.TaskResult.Failed, `${engine} did not run to the end (exit code ${code}); the log above says why.`);
    }
}

function pipelineVariables(): EngineContext['variables'] {
    const variables: EngineContext['variables'] = {};
    for (const name of PassedVariables) {
        const value = tl.getVariable(name);
        if (value !== undefined) {
            variables[name] = value;
        }
    }
    return variables;
}

function docker(): string {
    if (tl.getPlatform() !== tl.Platform.Linux) {
        throw new InputError("The Rampart container runs on Linux agents only; on this agent set 'runner' to 'cli' and install the rampart CLI.");
    }
    return tl.which('docker', true);
}

function containerHost(sourcesDirectory: string, tempDirectory: string, outputDir: string) {
    const dockerHost = process.env['DOCKER_HOST'] ?? 'unix:///var/run/docker.sock';
    const socket = dockerHost.startsWith('unix://') ? dockerHost.slice('unix://'.length) : undefined;
    if (socket !== undefined && !fs.existsSync(socket)) {
        throw new InputError(`The Docker socket ${socket} does not exist: the Rampart container needs Docker on the agent. Without Docker, set 'runner' to 'cli'.`);
    }
    return {
        sourcesDirectory,
        tempDirectory,
        outputDir,
        uid: os.userInfo().uid,
        gid: os.userInfo().gid,
        ...(socket === undefined ? {} : { dockerSocket: { path: socket, gid: fs.statSync(socket).gid } }),
    };
}

run().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    tl.setResult(tl.TaskResult.Failed, message);
});
