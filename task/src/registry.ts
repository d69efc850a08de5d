import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as tl from 'azure-pipelines-task-lib/task';
import { InputError } from './inputs';

/** A Docker configuration directory written for one run; remove it when the engine is done. */
export interface DockerConfig {
    directory: string;
    remove(): void;
}

/**
 * Writes the credentials of a Docker registry service connection (user name and password, as Docker Hub and "Others"
 * connections hold them) as a Docker config.json in a private directory under the agent's temporary directory. The
 * engine reads it through DOCKER_CONFIG, so the password is never an argument; it is masked in the log all the same.
 */
export function writeDockerConfig(connection: string, tempDirectory: string): DockerConfig {
    const authorization = tl.getEndpointAuthorization(connection, false);
    const parameters = authorization?.parameters ?? {};
    const registry = parameters['registry'];
    const username = parameters['username'];
    const password = parameters['password'];
    if (!registry || !username || !password) {
        throw new InputError(
            `The Docker registry connection '${connection}' has no registry, user name and password ` +
            `(scheme ${authorization?.scheme ?? 'unknown'}). For Azure Container Registry connections that sign in with a ` +
            'service principal or a managed identity, log in with a Docker@2 step first: Rampart then uses its DOCKER_CONFIG.');
    }
    const auth = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
    tl.setSecret(password);
    tl.setSecret(auth);
    const directory = path.join(tempDirectory, `rampart-docker-${crypto.randomBytes(8).toString('hex')}`);
    fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(directory, 'config.json'), JSON.stringify({ auths: { [registry]: { auth } } }), { mode: 0o600 });
    return { directory, remove: () => fs.rmSync(directory, { recursive: true, force: true }) };
}
