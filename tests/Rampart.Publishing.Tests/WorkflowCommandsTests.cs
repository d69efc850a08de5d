using Rampart.Publishing.Ci;
using Rampart.Publishing.GitHub;

namespace Rampart.Publishing.Tests;

public sealed class WorkflowCommandsTests
{
    [Fact]
    public void EscapeData_PercentCarriageReturnLineFeed_AreEncoded()
    {
        Assert.Equal("100%25 done%0D%0Anext: a,b", WorkflowCommands.EscapeData("100% done\r\nnext: a,b"));
    }

    [Fact]
    public void EscapeProperty_AlsoEncodesColonAndComma()
    {
        Assert.Equal("C%3A/x%2Cy%25%0A", WorkflowCommands.EscapeProperty("C:/x,y%\n"));
    }

    [Fact]
    public void Annotation_WithFileAndLine_PutsThemBeforeTheTitle()
    {
        var line = WorkflowCommands.Annotation(new CiAnnotation(CiAnnotationLevel.Error, "HRD-001 (high)", "Runs as root\nFix: add USER", "build/Dockerfile", 7));

        Assert.Equal("::error file=build/Dockerfile,line=7,title=HRD-001 (high)::Runs as root%0AFix: add USER", line);
    }

    [Fact]
    public void Annotation_WithoutFile_HasNoFileOrLine()
    {
        var line = WorkflowCommands.Annotation(new CiAnnotation(CiAnnotationLevel.Notice, "a: b, c", "m", null, 3));

        Assert.Equal("::notice title=a%3A b%2C c::m", line);
    }

    [Fact]
    public void Annotation_Warning_UsesTheWarningCommand()
    {
        Assert.StartsWith("::warning ", WorkflowCommands.Annotation(new CiAnnotation(CiAnnotationLevel.Warning, "t", "m", null, null)), StringComparison.Ordinal);
    }

    [Fact]
    public void AddMask_EscapesTheSecretLikeAnyMessage()
    {
        Assert.Equal("::add-mask::abc%25def", WorkflowCommands.AddMask("abc%def"));
    }
}
