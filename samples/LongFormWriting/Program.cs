// Sample placeholder: written with the pipelines issue.
Console.WriteLine("LongFormWriting sample: not yet implemented");
return 0;
