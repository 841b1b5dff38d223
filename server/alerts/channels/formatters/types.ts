// What a formatter answers: an HTTP request to make, or an email to send. Plain data.
export interface HttpMessage {
	url: string;
	headers: Record<string, string>;
	body: string;
}

export interface EmailMessage {
	to: string[];
	subject: string;
	text: string;
	html: string;
}
