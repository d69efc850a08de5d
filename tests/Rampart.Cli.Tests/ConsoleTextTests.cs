namespace Rampart.Cli.Tests;

public sealed class ConsoleTextTests
{
    [Theory]
    [InlineData("Debian\n##vso[task.setvariable variable=x]1", "Debian ##_vso[task.setvariable variable=x]1")]
    [InlineData("a\r\n::error::forged", "a ::error::forged")]
    [InlineData("##VSO[task.complete result=Succeeded]", "##_vso[task.complete result=Succeeded]")]
    [InlineData("plain text", "plain text")]
    public void Safe_ImageText_PrintsAsOneInertLine(string text, string expected)
    {
        Assert.Equal(expected, ConsoleText.Safe(text));
    }
}
