using Rampart.Catalogers.Distro;

namespace Rampart.Catalogers.Tests.Distro;

public sealed class OsReleaseParserTests
{
    private readonly List<string> _warnings = [];

    [Fact]
    public void Double_quoted_values_lose_their_quotes()
    {
        var fields = OsReleaseParser.Parse("NAME=\"Debian GNU/Linux\"\n", _warnings.Add);

        Assert.Equal("Debian GNU/Linux", fields["NAME"]);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Single_quoted_values_are_taken_literally()
    {
        var fields = OsReleaseParser.Parse("PRETTY_NAME='Fancy \\$OS \"x\"'\n", _warnings.Add);

        Assert.Equal("Fancy \\$OS \"x\"", fields["PRETTY_NAME"]);
    }

    [Fact]
    public void Backslash_escapes_shell_specials_inside_double_quotes_and_stays_before_others()
    {
        var fields = OsReleaseParser.Parse("NAME=\"a \\\"b\\\" \\$c \\\\ \\`d\\` \\n\"\n", _warnings.Add);

        Assert.Equal("a \"b\" $c \\ `d` \\n", fields["NAME"]);
    }

    [Fact]
    public void Unquoted_values_take_backslash_escapes()
    {
        var fields = OsReleaseParser.Parse("VARIANT=Server\\ Edition\n", _warnings.Add);

        Assert.Equal("Server Edition", fields["VARIANT"]);
    }

    [Fact]
    public void Comments_blank_lines_and_carriage_returns_are_ignored()
    {
        var fields = OsReleaseParser.Parse("# comment\r\n\r\n  ID=alpine\r\n", _warnings.Add);

        Assert.Equal("alpine", Assert.Single(fields).Value);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Variables_are_not_expanded()
    {
        var fields = OsReleaseParser.Parse("ID=x\nNAME=\"$ID linux\"\n", _warnings.Add);

        Assert.Equal("$ID linux", fields["NAME"]);
    }

    [Fact]
    public void Malformed_lines_are_skipped_with_a_warning_and_the_rest_is_kept()
    {
        var fields = OsReleaseParser.Parse("garbage\n1ID=x\nNAME=\"open\nID=debian\n", _warnings.Add);

        Assert.Equal("debian", Assert.Single(fields).Value);
        Assert.Equal(3, _warnings.Count);
    }

    [Fact]
    public void The_last_assignment_of_a_name_wins()
    {
        var fields = OsReleaseParser.Parse("ID=a\nID=b\n", _warnings.Add);

        Assert.Equal("b", fields["ID"]);
    }
}
