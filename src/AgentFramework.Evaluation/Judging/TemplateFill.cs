using System.Text;

namespace AgentFramework.Evaluation.Judging;

/// <summary>
/// Fills a judge prompt's placeholders in one pass. The official scripts chain str.replace, so a response that
/// contains a later placeholder (e.g. "$RESPONSE$" inside LongWriter's instruction) would be expanded as template
/// code; here inserted text is data and is never scanned again.
/// </summary>
internal static class TemplateFill
{
    public static string Fill(string template, params (string Placeholder, string Value)[] values)
    {
        var text = new StringBuilder(template.Length + values.Sum(v => v.Value.Length));
        int at = 0;
        while (at < template.Length)
        {
            int next = -1, hit = -1;
            for (int i = 0; i < values.Length; i++)
            {
                int found = template.IndexOf(values[i].Placeholder, at, StringComparison.Ordinal);
                if (found >= 0 && (next < 0 || found < next)) { next = found; hit = i; }
            }
            if (hit < 0) { text.Append(template, at, template.Length - at); break; }
            text.Append(template, at, next - at).Append(values[hit].Value);
            at = next + values[hit].Placeholder.Length;
        }
        return text.ToString();
    }
}
