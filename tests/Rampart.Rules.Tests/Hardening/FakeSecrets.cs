namespace Rampart.Rules.Tests.Hardening;

/// <summary>
/// Credential-shaped values for tests, assembled at run time so the repository itself holds nothing a secret scanner
/// would flag. None of them is or was ever valid.
/// </summary>
internal static class FakeSecrets
{
    public static string AwsAccessKeyId { get; } = "AKIA" + "Q3ZT7RW2XN5KD4HV";

    public static string AwsSecretAccessKey { get; } = "wJ7rXu" + "tnFEMI/K7MDENG/bPxRfiCY9q2Vz8LmT4s";

    public static string GitHubToken { get; } = "ghp_" + "R8nX2vKq7LmP4sTz9WcY3bHd6FjQ1aEoUiNx";

    public static string SlackToken { get; } = "xoxb-" + "2048193746-5829173645-QwErTyUiOpAsDfGh";

    public static string NpmToken { get; } = "npm_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";

    public static string PrivateKey { get; } =
        "-----BEGIN " + "OPENSSH PRIVATE KEY-----\n"
        + "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
        + "QyNTUxOQAAACDk3cXq9pL0mTt7Vf2Jw8R6yH1sZk4uN5aG0bCvE2xQdAAAAJgAAAAAAAAA\n"
        + "-----END OPENSSH PRIVATE KEY-----\n";

    /// <summary>Every value above, for tests that check no finding leaks any of them.</summary>
    public static IReadOnlyList<string> All { get; } = [AwsAccessKeyId, AwsSecretAccessKey, GitHubToken, SlackToken, NpmToken, "hunter2-db-password"];
}
