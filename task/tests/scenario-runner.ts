import * as fs from 'fs';
import * as path from 'path';
import { TaskMockRunner } from 'azure-pipelines-task-lib/mock-run';
import { Capture, HostVariables, Scenario } from './scenario';

const scenarioFile = process.env['RAMPARTTASKTEST_SCENARIO'];
if (scenarioFile === undefined) {
    throw new Error('RAMPARTTASKTEST_SCENARIO names no scenario file.');
}
const scenario = JSON.parse(fs.readFileSync(scenarioFile, 'utf8')) as Scenario;
for (const name of Object.keys(process.env)) {
    if (HostVariables.includes(name) || name.startsWith('SYSTEM_') || name.startsWith('BUILD_')) {
        delete process.env[name];
    }
}
Object.assign(process.env, scenario.env);

const runner = new TaskMockRunner(path.join(__dirname, '..', 'src', 'index.js'));
for (const [name, value] of Object.entries(scenario.inputs)) {
    runner.setInput(name, value);
}
runner.setAnswers(scenario.answers);

// task-lib reads the inputs and variables when it loads, so its mock is loaded only now that they are set.
type MockTask = typeof import('azure-pipelines-task-lib/mock-task');
const mockTask = require('azure-pipelines-task-lib/mock-task') as MockTask;

// The mocked tool answers from `answers.exec`; this stands for what the engine does besides: it writes its files.
const tool = mockTask.tool;
runner.registerMockExport('tool', (toolPath: string) => {
    const toolRunner = tool(toolPath);
    const execAsync = toolRunner.execAsync.bind(toolRunner);
    toolRunner.execAsync = options => {
        const env = (options?.env ?? {}) as Record<string, string>;
        const dockerConfig = env['DOCKER_CONFIG'];
        const capture: Capture = {
            tool: toolPath,
            args: (toolRunner as unknown as { args: string[] }).args,
            cwd: options?.cwd ?? '',
            env,
        };
        if (dockerConfig !== undefined && fs.existsSync(path.join(dockerConfig, 'config.json'))) {
            capture.dockerConfigJson = fs.readFileSync(path.join(dockerConfig, 'config.json'), 'utf8');
        }
        fs.writeFileSync(scenario.captureFile, JSON.stringify(capture));
        for (const [file, content] of Object.entries(scenario.engineFiles)) {
            fs.mkdirSync(path.dirname(file), { recursive: true });
            fs.writeFileSync(file, content);
        }
        return execAsync(options);
    };
    return toolRunner;
});
runner.run();
