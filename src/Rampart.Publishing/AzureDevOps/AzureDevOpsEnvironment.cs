using System.Collections;
using System.Globalization;
using Rampart.Publishing.Ci;
using Rampart.Publishing.GitHub;

namespace Rampart.Publishing.AzureDevOps;

/// <summary>
/// What an Azure Pipelines job tells a step through environment variables (predefined variables in their environment
/// form), and what the Rampart task passes (<c>RAMPARTTASK_*</c>): reporting switches and a GitHub connection's token.
/// </summary>
public sealed record AzureDevOpsEnvironment
{
    /// <summary><c>TF_BUILD=True</c>: the process runs in an Azure Pipelines job.</summary>
    public bool IsAzurePipelines { get; init; }

    /// <summary><c>SYSTEM_COLLECTIONURI</c>, ending in a slash: <c>https://dev.azure.com/ORG/</c> or an Azure DevOps Server collection.</summary>
    public Uri? CollectionUri { get; init; }

    /// <summary><c>SYSTEM_TEAMPROJECTID</c>, else <c>SYSTEM_TEAMPROJECT</c>: the project in REST paths.</summary>
    public string? Project { get; init; }

    /// <summary><c>BUILD_REPOSITORY_ID</c>.</summary>
    public string? RepositoryId { get; init; }

    /// <summary><c>BUILD_REPOSITORY_PROVIDER</c>: <c>TfsGit</c> for Azure Repos, <c>GitHub</c>, <c>GitHubEnterprise</c>, <c>Bitbucket</c>, ...</summary>
    public string? RepositoryProvider { get; init; }

    /// <summary><c>BUILD_REPOSITORY_NAME</c>: <c>owner/name</c> for a GitHub repository.</summary>
    public string? RepositoryName { get; init; }

    /// <summary><c>BUILD_REPOSITORY_URI</c>: the repository's web address, whose host is the GitHub Enterprise Server.</summary>
    public Uri? RepositoryUri { get; init; }

    /// <summary><c>SYSTEM_PULLREQUEST_PULLREQUESTNUMBER</c>: a GitHub pull request's number (its id is another, internal one).</summary>
    public int? PullRequestNumber { get; init; }

    /// <summary><c>SYSTEM_PULLREQUEST_ISFORK</c>: the pull request comes from a fork, whose builds get no secrets unless the pipeline allows it.</summary>
    public bool IsFork { get; init; }

    /// <summary><c>BUILD_SOURCEVERSION</c>: the commit built; a pull request's merge commit.</summary>
    public string? SourceVersion { get; init; }

    /// <summary>
    /// The token for a GitHub repository: <c>RAMPARTTASK_GITHUB_TOKEN</c> (the task's GitHub service connection, whose
    /// authorization scheme <c>RAMPARTTASK_GITHUB_TOKEN_SCHEME</c> tells an app's token from a user's), else
    /// <c>GITHUB_TOKEN</c> as a script step maps it.
    /// </summary>
    public GitHubToken? GitHubToken { get; init; }

    /// <summary>Where <see cref="GitHubToken"/> came from, as notes name it.</summary>
    public string GitHubTokenSource { get; init; } = "GITHUB_TOKEN";

    /// <summary>The repository is on GitHub or GitHub Enterprise Server: the GitHub API is where its pull requests are.</summary>
    public bool IsGitHubRepository => RepositoryProvider is { } provider
        && (provider.Equals("GitHub", StringComparison.OrdinalIgnoreCase) || provider.Equals("GitHubEnterprise", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The GitHub repository's API, from the host of <see cref="RepositoryUri"/>: <c>api.github.com</c> for github.com,
    /// <c>api.SUBDOMAIN.ghe.com</c> for GitHub Enterprise Cloud with data residency, <c>HOST/api/v3</c> for GitHub
    /// Enterprise Server. Without that address only github.com is known.
    /// </summary>
    public Uri? GitHubApiUrl => RepositoryUri switch
    {
        null => string.Equals(RepositoryProvider, "GitHub", StringComparison.OrdinalIgnoreCase) ? GitHubEnvironment.PublicApiUrl : null,
        { Host: "github.com" or "www.github.com" } => GitHubEnvironment.PublicApiUrl,
        { } uri when uri.Host.EndsWith(".ghe.com", StringComparison.OrdinalIgnoreCase) => new Uri($"{uri.Scheme}://api.{uri.Authority}/"),
        { } uri => new Uri($"{uri.Scheme}://{uri.Authority}/api/v3/"),
    };

    /// <summary><c>SYSTEM_PULLREQUEST_PULLREQUESTID</c>: set only in a build a pull request's branch policy queued.</summary>
    public int? PullRequestId { get; init; }

    /// <summary><c>SYSTEM_PULLREQUEST_PULLREQUESTITERATION</c>, when the agent sets it: the push the statuses belong to.</summary>
    public int? PullRequestIteration { get; init; }

    /// <summary><c>SYSTEM_PULLREQUEST_SOURCECOMMITID</c>: the pull request's head (<c>BUILD_SOURCEVERSION</c> is the merge commit).</summary>
    public string? SourceCommitId { get; init; }

    /// <summary><c>BUILD_BUILDID</c>.</summary>
    public string? BuildId { get; init; }

    /// <summary><c>SYSTEM_DEFINITIONID</c>: keeps the threads of two pipelines on one pull request apart.</summary>
    public string? DefinitionId { get; init; }

    /// <summary><c>BUILD_SOURCESDIRECTORY</c>: the checkout, which Dockerfile paths are made relative to.</summary>
    public string? SourcesDirectory { get; init; }

    /// <summary><c>AGENT_TEMPDIRECTORY</c>: where the summary file is written.</summary>
    public string? TempDirectory { get; init; }

    /// <summary><c>SYSTEM_ACCESSTOKEN</c>, the job's token; the only token the publisher uses.</summary>
    public AccessToken? Token { get; init; }

    public AzureDevOpsSurfaces Surfaces { get; init; } = new(true, true, true, true, true);

    /// <summary>The build's results page, for status links.</summary>
    public Uri? BuildUrl => CollectionUri is not null && Project is not null && BuildId is not null
        ? new Uri(CollectionUri, $"{Uri.EscapeDataString(Project)}/_build/results?buildId={Uri.EscapeDataString(BuildId)}")
        : null;

    /// <summary>Reads the variables, as <see cref="Environment.GetEnvironmentVariables()"/> returns them.</summary>
    /// <exception cref="FormatException">A variable has a value that cannot be used; the message names it.</exception>
    public static AzureDevOpsEnvironment FromEnvironment(IDictionary variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        string? Get(string name) => variables[name] is string { Length: > 0 } value ? value.Trim() : null;

        var token = Get("SYSTEM_ACCESSTOKEN");
        var taskGitHubToken = Get("RAMPARTTASK_GITHUB_TOKEN");
        var connectionKind = TokenKind(Get("RAMPARTTASK_GITHUB_TOKEN_SCHEME"));
        var gitHubToken = taskGitHubToken ?? Get("GITHUB_TOKEN");
        return new AzureDevOpsEnvironment
        {
            IsAzurePipelines = string.Equals(Get("TF_BUILD"), "true", StringComparison.OrdinalIgnoreCase),
            CollectionUri = EnvironmentValues.HttpUrl(Get("SYSTEM_COLLECTIONURI"), "SYSTEM_COLLECTIONURI"),
            Project = Get("SYSTEM_TEAMPROJECTID") ?? Get("SYSTEM_TEAMPROJECT"),
            RepositoryId = Get("BUILD_REPOSITORY_ID"),
            RepositoryProvider = Get("BUILD_REPOSITORY_PROVIDER"),
            RepositoryName = Get("BUILD_REPOSITORY_NAME"),
            RepositoryUri = EnvironmentValues.HttpUrl(Get("BUILD_REPOSITORY_URI"), "BUILD_REPOSITORY_URI"),
            PullRequestNumber = Number(Get("SYSTEM_PULLREQUEST_PULLREQUESTNUMBER"), "SYSTEM_PULLREQUEST_PULLREQUESTNUMBER"),
            IsFork = string.Equals(Get("SYSTEM_PULLREQUEST_ISFORK"), "true", StringComparison.OrdinalIgnoreCase),
            SourceVersion = Get("BUILD_SOURCEVERSION"),
            GitHubToken = gitHubToken is null ? null : new GitHubToken(gitHubToken, taskGitHubToken is null ? GitHubTokenKind.Unknown : connectionKind),
            GitHubTokenSource = taskGitHubToken is null ? "GITHUB_TOKEN" : "the task's GitHub service connection",
            PullRequestId = Number(Get("SYSTEM_PULLREQUEST_PULLREQUESTID"), "SYSTEM_PULLREQUEST_PULLREQUESTID"),
            PullRequestIteration = Number(Get("SYSTEM_PULLREQUEST_PULLREQUESTITERATION"), "SYSTEM_PULLREQUEST_PULLREQUESTITERATION"),
            SourceCommitId = Get("SYSTEM_PULLREQUEST_SOURCECOMMITID"),
            BuildId = Get("BUILD_BUILDID"),
            DefinitionId = Get("SYSTEM_DEFINITIONID"),
            SourcesDirectory = Get("BUILD_SOURCESDIRECTORY"),
            TempDirectory = Get("AGENT_TEMPDIRECTORY"),
            Token = token is null ? null : new AccessToken(token),
            Surfaces = new AzureDevOpsSurfaces(
                EnvironmentValues.Switch(Get("RAMPARTTASK_COMMENT"), "RAMPARTTASK_COMMENT"),
                EnvironmentValues.Switch(Get("RAMPARTTASK_STATUS"), "RAMPARTTASK_STATUS"),
                EnvironmentValues.Switch(Get("RAMPARTTASK_LINE_COMMENTS"), "RAMPARTTASK_LINE_COMMENTS"),
                EnvironmentValues.Switch(Get("RAMPARTTASK_ANNOTATIONS"), "RAMPARTTASK_ANNOTATIONS"),
                EnvironmentValues.Switch(Get("RAMPARTTASK_OUTPUTS"), "RAMPARTTASK_OUTPUTS")),
        };
    }

    /// <summary>
    /// The kind of token a GitHub service connection's authorization scheme gives: the Azure Pipelines GitHub App's
    /// installation token, or a user's (OAuth, personal access token).
    /// </summary>
    private static GitHubTokenKind TokenKind(string? scheme) => scheme switch
    {
        null => GitHubTokenKind.Unknown,
        "InstallationToken" => GitHubTokenKind.App,
        "OAuth" or "PersonalAccessToken" or "Token" => GitHubTokenKind.User,
        _ => throw new FormatException($"RAMPARTTASK_GITHUB_TOKEN_SCHEME: '{scheme}' is not a GitHub connection's scheme (InstallationToken, OAuth, PersonalAccessToken, Token)."),
    };

    private static int? Number(string? value, string name)
    {
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new FormatException($"{name}: '{value}' is not a positive number.");
    }

}

/// <summary>Which places the publisher writes to. The Rampart task turns <see cref="Outputs"/> off: output variables and the summary are its own.</summary>
/// <param name="Comment">The sticky pull-request comment thread.</param>
/// <param name="Status">A pull-request status per gate, for branch policies.</param>
/// <param name="LineComments">Threads on the Dockerfile lines of findings.</param>
/// <param name="Annotations">Errors and warnings of the run (<c>task.logissue</c>).</param>
/// <param name="Outputs">Output variables and the summary attachment.</param>
public sealed record AzureDevOpsSurfaces(bool Comment, bool Status, bool LineComments, bool Annotations, bool Outputs);

/// <summary>A token that never shows itself: <see cref="ToString"/> and record printing give <c>***</c>.</summary>
public sealed class AccessToken
{
    public AccessToken(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
    }

    public string Value { get; }

    public override string ToString() => "***";
}
