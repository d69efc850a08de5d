import * as tl from 'azure-pipelines-task-lib/task';
import { InputError } from './inputs';

/** A GitHub service connection's token, and the scheme that tells the engine an app's token from a user's. */
export interface GitHubCredential {
    token: string;
    scheme: string;
}

/**
 * The authorization parameter that holds the token, per scheme of a GitHub service connection, as Microsoft's
 * GitHubRelease and GitHubComment tasks read them. InstallationToken is the Azure Pipelines GitHub App's token: the
 * only kind that may create check runs.
 */
const TokenParameters: Record<string, string> = {
    InstallationToken: 'AccessToken',
    OAuth: 'AccessToken',
    PersonalAccessToken: 'accessToken',
    Token: 'AccessToken',
};

/** Reads the token of the GitHub service connection `connection` and masks it in the log. */
export function gitHubCredential(connection: string): GitHubCredential {
    // The whole authorization, not the parameter: task-lib's parameter getter writes the value to the debug log.
    const authorization = tl.getEndpointAuthorization(connection, true);
    if (authorization === undefined) {
        throw new InputError(
            `The GitHub service connection '${connection}' (the gitHubConnection input) was not found: ` +
            'name a GitHub service connection of this project and authorize the pipeline to use it.');
    }
    const parameter = TokenParameters[authorization.scheme];
    if (parameter === undefined) {
        throw new InputError(
            `The GitHub service connection '${connection}' signs in with '${authorization.scheme}'; ` +
            `Rampart takes connections that sign in with ${Object.keys(TokenParameters).join(', ')}.`);
    }
    const token = authorization.parameters[parameter];
    if (!token) {
        throw new InputError(`The GitHub service connection '${connection}' (${authorization.scheme}) holds no token.`);
    }
    tl.setSecret(token);
    return { token, scheme: authorization.scheme };
}
