using Rampart.Core.Findings;

namespace Rampart.Rules.Tests.Hardening;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("AKIAQ3ZT7RW2XN5KD4HV", "AKIA****")]
    [InlineData("hunter2", "****")]
    [InlineData("twelve-chars", "twel****")]
    [InlineData("eleven-char", "****")]
    [InlineData("", "****")]
    public void Keeps_at_most_a_four_character_prefix_of_long_values(string secret, string redacted)
    {
        Assert.Equal(redacted, SecretRedactor.Redact(secret));
    }

    [Fact]
    public void Redacts_every_occurrence_longest_first()
    {
        var text = "user=ci pass=hunter2-db-password again hunter2-db-password and hunter2";

        Assert.Equal("user=ci pass=hunt**** again hunt**** and ****", SecretRedactor.RedactIn(text, ["hunter2", "hunter2-db-password", ""]));
    }
}
