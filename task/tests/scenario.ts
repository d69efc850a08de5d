import { TaskLibAnswers } from 'azure-pipelines-task-lib/mock-answer';

/** One run of the task under task-lib's mock runner, handed from a test to scenario-runner.js through a JSON file. */
export interface Scenario {
    /** Task inputs by name, as the agent passes them (defaults already applied). */
    inputs: Record<string, string>;
    /** The agent's environment for the task: pipeline variables, endpoint authorizations. */
    env: Record<string, string>;
    answers: TaskLibAnswers;
    /** Files the engine writes when it runs (absolute path to content). */
    engineFiles: Record<string, string>;
    /** Where the runner records how the engine was started. */
    captureFile: string;
}

/** What the engine was started with, as the runner saw it. */
export interface Capture {
    tool: string;
    args: string[];
    cwd: string;
    env: Record<string, string>;
    /** The Docker config.json named by DOCKER_CONFIG while the engine ran, when there was one. */
    dockerConfigJson?: string;
}

/** Variables a test machine may have that would change the task's behaviour; every scenario starts without them. */
export const HostVariables = [
    'DOCKER_CONFIG',
    'DOCKER_HOST',
    'SYSTEM_ACCESSTOKEN',
    'HTTPS_PROXY',
    'HTTP_PROXY',
    'NO_PROXY',
    'TF_BUILD',
    'BUILD_SOURCESDIRECTORY',
    'AGENT_TEMPDIRECTORY',
];
