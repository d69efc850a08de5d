namespace Rampart.Publishing.Ci;

/// <summary>Reads the typed values CI systems pass in environment variables; a malformed one is a <see cref="FormatException"/> naming it.</summary>
internal static class EnvironmentValues
{
    /// <summary>An http(s) URL with a trailing slash (so relative paths append), or null when <paramref name="value"/> is.</summary>
    /// <param name="value">The variable's value.</param>
    /// <param name="name">The variable, for the error.</param>
    public static Uri? HttpUrl(string? value, string name)
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

    /// <summary>A <c>true</c>/<c>false</c> switch, on when unset.</summary>
    /// <param name="value">The variable's value.</param>
    /// <param name="what">What the error names: <c>RAMPARTTASK_COMMENT</c>, <c>The 'comment' input</c>.</param>
    public static bool Switch(string? value, string what) => value?.Trim().ToLowerInvariant() switch
    {
        null or "true" => true,
        "false" => false,
        _ => throw new FormatException($"{what} must be true or false, not '{value}'."),
    };
}
