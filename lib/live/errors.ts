import { HttpError } from "@/lib/http/errors";

export class ServiceUnavailable extends HttpError {
  constructor(message: string) {
    super(503, message);
  }
}
