using System.Collections;
using System.Globalization;

namespace Rampart.Publishing.AzureDevOps;

/// <summary>
/// What an Azure Pipelines job tells a step through environment variables (predefined variables in their environment
/// form), and the Rampart task's reporting switches (<c>RAMPARTTASK_*</c>).
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

    /// <summary><c>BUILD_REPOSITORY_PROVIDER</c>: <c>TfsGit</c> for Azure Repos, <c>GitHub</c>, ...</summary>
    public string? RepositoryProvider { get; init; }

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
        return new AzureDevOpsEnvironment
        {
            IsAzurePipelines = string.Equals(Get("TF_BUILD"), "true", StringComparison.OrdinalIgnoreCase),
            CollectionUri = UrlOf(Get("SYSTEM_COLLECTIONURI"), "SYSTEM_COLLECTIONURI"),
            Project = Get("SYSTEM_TEAMPROJECTID") ?? Get("SYSTEM_TEAMPROJECT"),
            RepositoryId = Get("BUILD_REPOSITORY_ID"),
            RepositoryProvider = Get("BUILD_REPOSITORY_PROVIDER"),
            PullRequestId = Number(Get("SYSTEM_PULLREQUEST_PULLREQUESTID"), "SYSTEM_PULLREQUEST_PULLREQUESTID"),
            PullRequestIteration = Number(Get("SYSTEM_PULLREQUEST_PULLREQUESTITERATION"), "SYSTEM_PULLREQUEST_PULLREQUESTITERATION"),
            SourceCommitId = Get("SYSTEM_PULLREQUEST_SOURCECOMMITID"),
            BuildId = Get("BUILD_BUILDID"),
            DefinitionId = Get("SYSTEM_DEFINITIONID"),
            SourcesDirectory = Get("BUILD_SOURCESDIRECTORY"),
            TempDirectory = Get("AGENT_TEMPDIRECTORY"),
            Token = token is null ? null : new AccessToken(token),
            Surfaces = new AzureDevOpsSurfaces(
                Switch(Get("RAMPARTTASK_COMMENT"), "RAMPARTTASK_COMMENT"),
                Switch(Get("RAMPARTTASK_STATUS"), "RAMPARTTASK_STATUS"),
                Switch(Get("RAMPARTTASK_LINE_COMMENTS"), "RAMPARTTASK_LINE_COMMENTS"),
                Switch(Get("RAMPARTTASK_ANNOTATIONS"), "RAMPARTTASK_ANNOTATIONS"),
                Switch(Get("RAMPARTTASK_OUTPUTS"), "RAMPARTTASK_OUTPUTS")),
        };
    }

    private static Uri? UrlOf(string? value, string name)
    {
        if (value is null)
        {
            return null;
        }

        if (!Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            throw new FormatException($"{name}: '{value}' is not an http(s) URL.");
        }

        return url;
    }

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

    private static bool Switch(string? value, string name) => value?.ToLowerInvariant() switch
    {
        null or "true" => true,
        "false" => false,
        _ => throw new FormatException($"{name} must be true or false, not '{value}'."),
    };
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
