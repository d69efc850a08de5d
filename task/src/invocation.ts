import * as path from 'path';
import { GitHubCredential } from './github';
import { TaskInputs } from './inputs';

/** How the engine is started. `env` is added to the task's own environment for the child process. */
export interface Invocation {
    tool: string;
    args: string[];
    env: Record<string, string>;
}

/** The names `rampart scan --output-dir DIR` gives its run-wide files. */
export const OutputFiles = {
    results: 'results.json',
    markdown: 'report.md',
    sarif: 'results.sarif',
} as const;

/**
 * The pipeline variables the engine reads to publish to the pull request, the Docker host and the proxy. They are
 * passed explicitly: a container sees none of the agent's environment.
 */
export const PassedVariables = [
    'TF_BUILD',
    'SYSTEM_COLLECTIONURI',
    'SYSTEM_TEAMPROJECT',
    'SYSTEM_TEAMPROJECTID',
    'SYSTEM_DEFINITIONID',
    'SYSTEM_PULLREQUEST_PULLREQUESTID',
    'SYSTEM_PULLREQUEST_PULLREQUESTNUMBER',
    'SYSTEM_PULLREQUEST_SOURCECOMMITID',
    'SYSTEM_PULLREQUEST_PULLREQUESTITERATION',
    'SYSTEM_PULLREQUEST_ISFORK',
    'BUILD_BUILDID',
    'BUILD_REASON',
    'BUILD_REPOSITORY_ID',
    'BUILD_REPOSITORY_NAME',
    'BUILD_REPOSITORY_PROVIDER',
    'BUILD_REPOSITORY_URI',
    'BUILD_SOURCESDIRECTORY',
    'BUILD_SOURCEVERSION',
    'AGENT_TEMPDIRECTORY',
    'DOCKER_HOST',
    'HTTPS_PROXY',
    'HTTP_PROXY',
    'NO_PROXY',
] as const;

/** What the task learned about the run before starting the engine. */
export interface EngineContext {
    /** Pipeline variables by environment name; missing ones are left out. */
    variables: Partial<Record<(typeof PassedVariables)[number], string>>;
    /** The job's access token (System.AccessToken), for the pull-request REST calls. */
    accessToken?: string;
    /** The GitHub service connection's token, for a GitHub repository's pull request. */
    gitHub?: GitHubCredential;
    /** A Docker configuration directory with registry credentials. */
    dockerConfig?: string;
}

/** `rampart scan` with every input that was set as an explicit option; images last, after `--`, so none reads as an option. */
export function scanArguments(inputs: TaskInputs, outputDir: string): string[] {
    const args = ['scan'];
    const option = (name: string, value: string | undefined): void => {
        if (value !== undefined) {
            args.push(name, value);
        }
    };
    option('--dockerfile', inputs.dockerfile);
    option('--context', inputs.context);
    for (const buildArg of inputs.buildArgs) {
        args.push('--build-arg', buildArg);
    }
    option('--target', inputs.target);
    option('--platform', inputs.platform);
    option('--config', inputs.config);
    option('--fail-on', inputs.failOn);
    option('--fail-on-lockin', inputs.failOnLockIn);
    option('--min-severity', inputs.minSeverity);
    option('--sbom-spec-version', inputs.sbomSpecVersion);
    option('--baseline', inputs.baseline);
    option('--output-dir', outputDir);
    if (inputs.images.length > 0) {
        args.push('--', ...inputs.images);
    }
    return args;
}

/**
 * The engine's variables: the pipeline's, the tokens, registry credentials, and the reporting switches
 * (RAMPARTTASK_*; RAMPART_* would be read as settings). Output variables are the task's to set, so the engine is
 * told not to.
 */
export function engineEnvironment(inputs: TaskInputs, context: EngineContext): Record<string, string> {
    const env: Record<string, string> = {};
    for (const name of PassedVariables) {
        const value = context.variables[name];
        if (value !== undefined && value !== '') {
            env[name] = value;
        }
    }
    if (context.accessToken !== undefined) {
        env['SYSTEM_ACCESSTOKEN'] = context.accessToken;
    }
    if (context.gitHub !== undefined) {
        env['RAMPARTTASK_GITHUB_TOKEN'] = context.gitHub.token;
        env['RAMPARTTASK_GITHUB_TOKEN_SCHEME'] = context.gitHub.scheme;
    }
    if (context.dockerConfig !== undefined) {
        env['DOCKER_CONFIG'] = context.dockerConfig;
    }
    env['RAMPARTTASK_COMMENT'] = String(inputs.prComment);
    env['RAMPARTTASK_STATUS'] = String(inputs.prStatus);
    env['RAMPARTTASK_LINE_COMMENTS'] = String(inputs.prLineComments);
    env['RAMPARTTASK_ANNOTATIONS'] = String(inputs.annotations);
    env['RAMPARTTASK_OUTPUTS'] = 'false';
    return env;
}

/** The agent's side of a container run. */
export interface ContainerHost {
    sourcesDirectory: string;
    tempDirectory: string;
    outputDir: string;
    uid: number;
    gid: number;
    /** The engine's Unix socket and the group that may use it; absent when DOCKER_HOST is not a Unix socket. */
    dockerSocket?: { path: string; gid: number };
}

/**
 * `docker run` of the engine image as the agent's user (files it writes stay the agent's), with the Docker socket and
 * every directory the engine reads or writes mounted at the same path, so that paths in its output mean the same on
 * the agent. Variables are passed by name only (`-e NAME`): their values, the token among them, never reach the
 * command line that the log shows.
 */
export function containerInvocation(
    docker: string,
    image: string,
    inputs: TaskInputs,
    host: ContainerHost,
    env: Record<string, string>,
): Invocation {
    const args = ['run', '--rm', '--user', `${host.uid}:${host.gid}`];
    if (host.dockerSocket !== undefined) {
        args.push('--group-add', String(host.dockerSocket.gid), '--volume', `${host.dockerSocket.path}:${host.dockerSocket.path}`);
    }
    for (const mount of mounts(inputs, host, env['DOCKER_CONFIG'])) {
        args.push('--volume', `${mount.path}:${mount.path}${mount.readOnly ? ':ro' : ''}`);
    }
    args.push('--workdir', host.sourcesDirectory);
    for (const name of Object.keys(env).sort()) {
        args.push('--env', name);
    }
    args.push(image, ...scanArguments(inputs, host.outputDir));
    return { tool: docker, args, env };
}

/** A rampart executable on the agent, started in the sources directory with the engine's variables added. */
export function cliInvocation(rampart: string, inputs: TaskInputs, outputDir: string, env: Record<string, string>): Invocation {
    return { tool: rampart, args: scanArguments(inputs, outputDir), env };
}

interface Mount {
    path: string;
    readOnly: boolean;
}

/** Writable work directories first, then what the inputs name outside them (read-only); nothing twice. */
function mounts(inputs: TaskInputs, host: ContainerHost, dockerConfig: string | undefined): Mount[] {
    const candidates: Mount[] = [
        { path: host.sourcesDirectory, readOnly: false },
        { path: host.tempDirectory, readOnly: false },
        { path: host.outputDir, readOnly: false },
    ];
    const readOnly = (p: string | undefined): void => {
        if (p !== undefined) {
            candidates.push({ path: p, readOnly: true });
        }
    };
    readOnly(inputs.dockerfile === undefined ? undefined : path.dirname(inputs.dockerfile));
    readOnly(inputs.context);
    readOnly(inputs.config === undefined ? undefined : path.dirname(inputs.config));
    readOnly(inputs.baseline === undefined ? undefined : path.dirname(inputs.baseline));
    readOnly(dockerConfig);
    const chosen: Mount[] = [];
    for (const candidate of candidates) {
        const resolved = path.resolve(candidate.path);
        if (!chosen.some(mount => isWithin(resolved, mount.path))) {
            chosen.push({ path: resolved, readOnly: candidate.readOnly });
        }
    }
    return chosen;
}

function isWithin(child: string, parent: string): boolean {
    const relative = path.relative(parent, child);
    return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
