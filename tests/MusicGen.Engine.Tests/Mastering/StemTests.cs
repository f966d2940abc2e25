using MusicGen.Engine.Composition;
using MusicGen.Engine.Prompting;
using MusicGen.Engine.Rendering;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Tests.Mastering;

public sealed class StemTests
{
    [Theory]
    [InlineData("trance anthem")]
    [InlineData("jazz trio")]
    public void RenderComposedSongStemsSumToPreMasterMix(string prompt)
    {
        var score = Composer.Compose(PromptParser.Parse(prompt, 10, 4));

        var mix = ScoreRenderer.Render(score, 44100, keepStems: true, cancellationToken: TestContext.Current.CancellationToken);

        mix.Stems.ShouldNotBeNull();
        var worst = 0f;
        for (var i = 0; i < mix.Mix.Length; i++)
        {
            var sum = 0f;
            foreach (var group in Enum.GetValues<StemGroup>())
            {
                sum += mix.Stems[group][i];
            }

            worst = Math.Max(worst, Math.Abs(sum - mix.Mix[i]));
        }

        worst.ShouldBeLessThan(1e-6f);
    }
}
