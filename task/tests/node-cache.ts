import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// MockTestRunner runs a scenario under the Node version of the task's newest handler, which it downloads from
// nodejs.org into $HOME/azure-pipelines-task-lib/_download unless it is there. Machines here are offline, so a
// private HOME is given a cache in which the running Node stands for every version the runner may ask for. This
// module must be loaded before azure-pipelines-task-lib/mock-test, which reads HOME when it loads.
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-task-home-'));
const versions: Record<string, string> = { node20: 'v20.13.1', node24: 'v24.10.0' };
for (const [folder, version] of Object.entries(versions)) {
    const destination = path.join(home, 'azure-pipelines-task-lib', '_download', folder);
    const bin = path.join(destination, `node-${version}-linux-x64`, 'bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.symlinkSync(process.execPath, path.join(bin, 'node'));
    fs.writeFileSync(`${destination}.completed`, '');
}
process.env['HOME'] = home;
process.on('exit', () => fs.rmSync(home, { recursive: true, force: true }));
