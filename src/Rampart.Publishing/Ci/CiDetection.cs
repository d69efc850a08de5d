using System.Collections;

namespace Rampart.Publishing.Ci;

/// <summary>The CI system a process runs in, which decides where results are published.</summary>
public enum CiSystem
{
    /// <summary>None recognised: a laptop or another CI; only files are written.</summary>
    None,
    GitHubActions,
    AzurePipelines,
}

/// <summary>Recognises the CI system from the variables each one always sets.</summary>
public static class CiDetection
{
    /// <summary><c>GITHUB_ACTIONS=true</c> is GitHub Actions, <c>TF_BUILD=True</c> Azure Pipelines; GitHub wins if both are set.</summary>
    public static CiSystem Detect(IDictionary variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if (IsTrue(variables["GITHUB_ACTIONS"]))
        {
            return CiSystem.GitHubActions;
        }

        return IsTrue(variables["TF_BUILD"]) ? CiSystem.AzurePipelines : CiSystem.None;
    }

    private static bool IsTrue(object? value) => value is string text && string.Equals(text.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
