// Sample placeholder: written with the pipelines issue.
Console.WriteLine("SummarizeCodebase sample: not yet implemented");
return 0;
