using MusicGen.Contracts.Plans;
using MusicGen.Web.Components.Shared;
using MusicGen.Web.Studio;

namespace MusicGen.Web.Tests;

public sealed class CreateFormTests
{
    private static CreateForm WithSections(params string[] names) => new()
    {
        Prompt = "house",
        Sections = [.. names.Select(n => new PlanSectionForm { Name = n, DurationSeconds = 10 })],
    };

    [Theory]
    [InlineData("up-1", new[] { "B", "A", "C" })]
    [InlineData("down-1", new[] { "A", "C", "B" })]
    [InlineData("remove-0", new[] { "B", "C" })]
    [InlineData("up-0", new[] { "A", "B", "C" })]
    [InlineData("down-2", new[] { "A", "B", "C" })]
    public void EditorActionsReorderAndRemoveSections(string action, string[] expected)
    {
        var form = WithSections("A", "B", "C");

        form.ApplyEditorAction(action).ShouldBeTrue();

        form.Sections.Select(s => s.Name).ShouldBe(expected);
    }

    [Theory]
    [InlineData("submit")]
    [InlineData("remove-7")]
    [InlineData("up-x")]
    public void OtherActionsAreNotEditorActions(string action) => WithSections("A").ApplyEditorAction(action).ShouldBeFalse();

    [Fact]
    public void AddingASectionSwitchesToThePlan()
    {
        var form = WithSections();

        form.ApplyEditorAction("add");

        form.Sections.ShouldHaveSingleItem().DurationSeconds.ShouldBe(15);
        form.UsePlan.ShouldBeTrue();
    }

    [Fact]
    public void PlanRequestCarriesThePlanInsteadOfThePromptAndItsLength()
    {
        var form = WithSections("Intro", "Drop");
        form.UsePlan = true;
        form.GlobalStyles = "house, 124 bpm";
        form.Sections[1].Styles = "full energy, main hook";
        form.Sections[1].Lines = "one\n\ntwo";

        var request = form.ToRequest();
        var plan = System.Text.Json.JsonSerializer.Deserialize<CompositionPlanDocument>(request.CompositionPlan!.Value)!;

        request.Prompt.ShouldBeNull();
        request.LengthMs.ShouldBe(20_000);
        plan.PositiveGlobalStyles.ShouldBe(["house", "124 bpm"]);
        plan.Sections[1].ShouldSatisfyAllConditions(
            s => s.SectionName.ShouldBe("Drop"),
            s => s.DurationMs.ShouldBe(10_000),
            s => s.PositiveLocalStyles.ShouldBe(["full energy", "main hook"]),
            s => s.Lines.ShouldBe(["one", "two"]));
        request.CompositionPlan!.Value.GetRawText().ShouldContain("\"section_name\"");
    }

    [Theory]
    [InlineData("/library?page=2", "/library?page=2")]
    [InlineData("https://evil.example.com/", "/")]
    [InlineData("//evil.example.com", "/")]
    [InlineData("/\\evil.example.com", "/")]
    [InlineData(null, "/")]
    public void ReturnUrlsStayOnTheSite(string? url, string expected) => LocalUrl.OrHome(url).ShouldBe(expected);
}
