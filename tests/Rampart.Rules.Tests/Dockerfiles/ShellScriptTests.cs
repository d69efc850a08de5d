using Rampart.Core.Dockerfiles;

namespace Rampart.Rules.Tests.Dockerfiles;

public sealed class ShellScriptTests
{
    [Fact]
    public void Splits_on_operators_and_records_what_follows_each_command()
    {
        var commands = ShellScript.Split("apt-get update && curl -fsSL https://x/install.sh | sh ; echo 'a && b' || true");

        Assert.Equal(["apt-get", "curl", "sh", "echo", "true"], commands.Select(c => c.Program));
        Assert.Equal(["&&", "|", ";", "||", null], commands.Select(c => c.FollowedBy));
        Assert.True(commands[1].PipesIntoNext);
        Assert.Equal(["a && b"], commands[3].Arguments);
    }

    [Fact]
    public void Quotes_escapes_and_assignments_are_handled()
    {
        var command = Assert.Single(ShellScript.Split("DEBIAN_FRONTEND=noninteractive /usr/bin/apt-get install -y \"a b\" c\\ d"));

        Assert.Equal("apt-get", command.Program);
        Assert.Equal(["DEBIAN_FRONTEND=noninteractive"], command.Assignments);
        Assert.Equal(["install", "-y", "a b", "c d"], command.Arguments);
    }

    [Fact]
    public void Redirections_with_ampersand_do_not_split_and_substitutions_stay_whole()
    {
        var commands = ShellScript.Split("make 2>&1 >/dev/null && sh -c \"$(curl -fsSL https://x | cat)\"");

        Assert.Equal(["make", "sh"], commands.Select(c => c.Program));
        Assert.Equal(["2>&1", ">/dev/null"], commands[0].Arguments);
        Assert.Equal(["-c", "$(curl -fsSL https://x | cat)"], commands[1].Arguments);
    }

    [Fact]
    public void Comments_and_line_continuations_are_skipped()
    {
        var commands = ShellScript.Split("echo a \\\n  b # trailing comment\necho c");

        Assert.Equal([["echo", "a", "b"], ["echo", "c"]], commands.Select(c => c.Words.ToArray()));
    }
}
