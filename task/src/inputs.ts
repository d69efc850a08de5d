import { resolve } from 'path';
import * as tl from 'azure-pipelines-task-lib/task';

export type Runner = 'container' | 'cli';
export type GateFailureResult = 'failed' | 'succeededWithIssues';

/** The task's inputs (task.json), read once; optional values are absent when the user left them to Rampart's defaults. */
export interface TaskInputs {
    images: string[];
    dockerfile?: string;
    context?: string;
    buildArgs: string[];
    target?: string;
    platform?: string;
    containerRegistry?: string;
    gitHubConnection?: string;
    failOn?: string;
    failOnLockIn?: string;
    minSeverity?: string;
    config?: string;
    baseline?: string;
    gateFailureResult: GateFailureResult;
    outputDir: string;
    sbomSpecVersion?: string;
    publishArtifacts: boolean;
    artifactName: string;
    prComment: boolean;
    prStatus: boolean;
    prLineComments: boolean;
    annotations: boolean;
    runner: Runner;
    engineImage: string;
    cliPath?: string;
}

/** The pick-list value that means "do not pass the option": the policy file or Rampart's default decides. */
export const DefaultChoice = 'default';

export class InputError extends Error {}

/** Reads the inputs; relative paths are taken from `sourcesDirectory`, where the engine runs. */
export function readInputs(sourcesDirectory: string): TaskInputs {
    const path = (name: string): string | undefined => filePath(name, sourcesDirectory);
    const inputs: TaskInputs = {
        images: lines('images'),
        buildArgs: lines('buildArgs'),
        gateFailureResult: oneOf('gateFailureResult', ['failed', 'succeededWithIssues'] as const, 'failed'),
        outputDir: resolve(sourcesDirectory, text('outputDir') ?? required('outputDir')),
        publishArtifacts: flag('publishArtifacts', true),
        artifactName: text('artifactName') ?? 'rampart',
        prComment: flag('prComment', true),
        prStatus: flag('prStatus', true),
        prLineComments: flag('prLineComments', true),
        annotations: flag('annotations', true),
        runner: oneOf('runner', ['container', 'cli'] as const, 'container'),
        engineImage: text('engineImage') ?? '',
    };
    assign(inputs, 'dockerfile', path('dockerfile'));
    assign(inputs, 'context', directory('context', sourcesDirectory));
    assign(inputs, 'target', text('target'));
    assign(inputs, 'platform', text('platform'));
    assign(inputs, 'containerRegistry', text('containerRegistry'));
    assign(inputs, 'gitHubConnection', text('gitHubConnection'));
    assign(inputs, 'failOn', choice('failOn'));
    assign(inputs, 'failOnLockIn', choice('failOnLockIn'));
    assign(inputs, 'minSeverity', choice('minSeverity'));
    assign(inputs, 'config', path('config'));
    assign(inputs, 'baseline', path('baseline'));
    assign(inputs, 'sbomSpecVersion', choice('sbomSpecVersion'));
    assign(inputs, 'cliPath', text('cliPath'));
    if (inputs.images.length === 0 && inputs.dockerfile === undefined) {
        throw new InputError("Set 'images' (one per line) or 'dockerfile' (to build and scan).");
    }
    if (inputs.runner === 'container' && inputs.engineImage === '') {
        throw new InputError("'engineImage' is empty: name the Rampart engine image, or set 'runner' to 'cli'.");
    }
    return inputs;
}

function assign<K extends keyof TaskInputs>(inputs: TaskInputs, key: K, value: TaskInputs[K] | undefined): void {
    if (value !== undefined) {
        inputs[key] = value;
    }
}

function text(name: string): string | undefined {
    const value = tl.getInput(name, false)?.trim();
    return value ? value : undefined;
}

function required(name: string): never {
    throw new InputError(`The '${name}' input is required.`);
}

/** Non-empty lines, trimmed: multi-line inputs are edited by hand and may carry CRs and blank lines. */
function lines(name: string): string[] {
    return (tl.getInput(name, false) ?? '').split(/\r?\n/).map(line => line.trim()).filter(line => line.length > 0);
}

/** A filePath input, absent when left empty: the agent turns an empty filePath input into the repository root. */
function filePath(name: string, sourcesDirectory: string): string | undefined {
    const value = tl.filePathSupplied(name) ? text(name) : undefined;
    return value === undefined ? undefined : resolve(sourcesDirectory, value);
}

/**
 * A directory given as a string input: as a filePath input, the repository root could not be told from "not set",
 * and the root is a usual build context.
 */
function directory(name: string, sourcesDirectory: string): string | undefined {
    const value = text(name);
    return value === undefined ? undefined : resolve(sourcesDirectory, value);
}

function choice(name: string): string | undefined {
    const value = text(name);
    return value === undefined || value === DefaultChoice ? undefined : value;
}

function flag(name: string, fallback: boolean): boolean {
    const value = text(name);
    if (value === undefined) {
        return fallback;
    }
    const lower = value.toLowerCase();
    if (lower !== 'true' && lower !== 'false') {
        throw new InputError(`The '${name}' input must be true or false, not '${value}'.`);
    }
    return lower === 'true';
}

function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = text(name);
    if (value === undefined) {
        return fallback;
    }
    const match = allowed.find(option => option.toLowerCase() === value.toLowerCase());
    if (match === undefined) {
        throw new InputError(`The '${name}' input must be one of ${allowed.join(', ')}, not '${value}'.`);
    }
    return match;
}
